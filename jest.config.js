/** @type {import('ts-jest').JestConfigWithTsJest} */
const common = {
  clearMocks: true,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', useESM: true }]
  }
}

export default {
  // Jest's default, one worker fewer than the cores, gave a 2-core machine a single worker that
  // spent most of five minutes waiting on end-to-end releases. Six keep two cores busy with unit
  // files while the e2e files (one simulator each, on its own port) wait on 1 s polls; more
  // starve them of CPU on such a machine, and their timings then fail tests.
  maxWorkers: 6,
  // A file's first request to the fake GitHub reads and compiles GitHub's OpenAPI description
  // (sim/github/openapi.ts): half a second alone, over Jest's default 5 s when six workers
  // share two busy cores. (The end-to-end tests set their own, longer timeout.)
  testTimeout: 15_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/dist/', '/node_modules/', '/build/', '/__tests__/e2e/']
    },
    {
      ...common,
      // The bundle run as a child process against the simulator: releases take seconds.
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      // Builds src/ into the bundle these tests run, once per run (and only when src/ changed).
      globalSetup: '<rootDir>/__tests__/support/e2e-bundle.ts',
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/e2e-timeout.ts']
    }
  ]
}
