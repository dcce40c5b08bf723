/**
 * Jest for `npm run test:faults` only (not part of `npm test`): the fault suite starts its own MongoDB stand-in,
 * app and worker processes (test/faults/processes.ts), so no globalSetup; one file, run serially.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  testTimeout: 600000,
  maxWorkers: 1,
  // The suite's HTTP clients keep pooled sockets to processes it SIGKILLs; do not wait for them at the end.
  forceExit: true,
};
