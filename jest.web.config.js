/**
 * Browser tests: the built web app (npm run build -w web), served by the API
 * on a real PostgreSQL, driven in Debian's Chromium with playwright-core.
 * Run with `npm run test:web`.
 */
module.exports = {
  testTimeout: 180000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  rootDir: __dirname,
  displayName: 'web',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/web/tsconfig.json' }] },
  // Each file runs its own Chromium; two at a time is what two cores carry.
  maxWorkers: 2,
};
