import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/fixtures/**', 'node_modules/**'],
    // Docker verification shares one daemon; its own files serialise what must be serial.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/junit.xml' },
  },
});
