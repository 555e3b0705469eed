/** @type {import('jest').Config} */
module.exports = {
  displayName: 'eslint-plugin',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.js'],
  modulePathIgnorePatterns: ['<rootDir>/test/fixtures'],
  // The rules run velo-events on a worker thread (synckit); the first lint loads TypeScript there.
  testTimeout: 60_000,
};
