import { defineConfig } from 'vitest/config';

/**
 * Two projects because they need different things to exist first: `harness` needs a
 * Docker daemon (and writes the report the site shows), `site` needs the production
 * build of the site made from that report and a browser.
 */
export default defineConfig({
  // TSX as Docusaurus compiles it (the automatic runtime): tests render components with react-dom/server.
  esbuild: { jsx: 'automatic' },
  test: {
    // Docker verification shares one daemon; its own files serialise what must be serial.
    testTimeout: 120_000,
    // Most harness files wait on Docker (containers starting, probes timing out), not on the
    // CPU: three at once on 2 cores halves that run and leaves the checks stable (measured).
    maxWorkers: 3,
    hookTimeout: 300_000,
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/junit.xml' },
    projects: [
      {
        extends: true,
        test: {
          name: 'harness',
          include: ['test/**/*.test.ts'],
          exclude: ['**/fixtures/**', 'node_modules/**', 'test/site/**', 'test/engines/**'],
        },
      },
      {
        extends: true,
        test: {
          // The matrix on the host's daemon (interrupts, two runs at once): `npm run test:engines`.
          name: 'engines',
          include: ['test/engines/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          exclude: ['**/fixtures/**', 'node_modules/**'],
        },
      },
    ],
  },
});
