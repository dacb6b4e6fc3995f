import { defineConfig } from 'vitest/config';

/** Fixtures hold test files of their own that are inputs, not tests. */
const NOT_TESTS = ['**/fixtures/**', 'node_modules/**'];

/**
 * Projects by what a test needs, read from its file name (not guessed from its imports):
 * `*.docker.test.ts` needs a Docker daemon, `*.browser.test.ts` the production build and a
 * browser, and every other `*.test.ts` needs neither (`npm run test:unit`, the loop for a
 * change that touches no daemon). `harness` writes the report the site shows; `site` needs
 * the build made from it.
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
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...NOT_TESTS, '**/*.docker.test.ts', '**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'harness',
          include: ['test/**/*.docker.test.ts'],
          exclude: [...NOT_TESTS, 'test/engines/**'],
        },
      },
      {
        extends: true,
        test: {
          // The matrix on the host's daemon (interrupts, two runs at once): `npm run test:engines`.
          name: 'engines',
          include: ['test/engines/**/*.docker.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/**/*.browser.test.ts'],
          exclude: NOT_TESTS,
        },
      },
    ],
  },
});
