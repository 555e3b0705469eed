/** @type {import('jest').Config} */
module.exports = {
  displayName: 'site-fixture',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.cjs'],
  modulePathIgnorePatterns: ['<rootDir>/dist'],
};
