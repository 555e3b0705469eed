/** @type {import('jest').Config} */
module.exports = {
  displayName: 'velo-pkg-fixture',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.cjs'],
  modulePathIgnorePatterns: ['<rootDir>/dist'],
};
