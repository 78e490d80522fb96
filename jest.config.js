/**
 * `npm test` runs every suite that can run on this machine. Suites that need a real server run
 * only when it is configured; otherwise the run says plainly, at the end, that they were skipped.
 */
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'))];
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@benefit-ledger/domain$': '<rootDir>/libs/domain/src',
    '^@benefit-ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@benefit-ledger/application$': '<rootDir>/libs/application/src',
  },
};

const servers = [
  {
    env: 'EVENTSTORE_CONNECTION_STRING',
    suite: 'EventStoreDB contract suite',
    testMatch: ['<rootDir>/libs/event-store/test/**/*eventstoredb*.integration-spec.ts'],
  },
];
const integration = servers.filter((s) => process.env[s.env]);
const skipped = servers.filter((s) => !process.env[s.env]).map((s) => `${s.suite} (set ${s.env}; see README "Production topology")`);

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    ...(integration.length
      ? [{ ...shared, displayName: 'integration', testMatch: integration.flatMap((s) => s.testMatch), testTimeout: 30000 }]
      : []),
  ],
  reporters: ['default', ['<rootDir>/test/support/skipped-suites-reporter.js', { skipped }]],
};
