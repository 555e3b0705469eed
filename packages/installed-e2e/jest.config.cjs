/** @type {import('jest').Config} */
module.exports = {
  displayName: 'installed-e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.js'],
  // Each test runs the installed bins (velo-events, ESLint) in child processes.
  testTimeout: 60_000,
};
