/** @type {import('jest').Config} */
module.exports = {
  displayName: 'aggregator',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // Fixture workspaces hold package.json files whose names repeat; keep them out of the haste map.
  modulePathIgnorePatterns: ['<rootDir>/test/fixtures', '<rootDir>/dist'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
