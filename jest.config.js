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
    '^@benefit-ledger/projections$': '<rootDir>/libs/projections/src',
    '^@benefit-ledger/messaging$': '<rootDir>/libs/messaging/src',
    '^@benefit-ledger/contracts$': '<rootDir>/libs/contracts/src',
    '^@benefit-ledger/testing$': '<rootDir>/libs/testing/src',
  },
};

/** Suites against real servers (`docker compose up`): each runs only when its variable is set. */
const servers = [
  {
    env: 'EVENTSTORE_CONNECTION_STRING',
    suite: 'EventStoreDB / KurrentDB suites: event-store contract, messaging state (relay checkpoint, consumed ids)',
    path: 'eventstoredb[^/]*\\.integration-spec\\.ts$',
    how: 'see docs/operations.md "Production topology"',
  },
  {
    env: 'KAFKA_BROKERS',
    suite: 'Kafka suites: relay, finance-report consumer and a broker killed mid-relay, through kafkajs',
    path: 'kafka[^/]*\\.integration-spec\\.ts$',
    how: 'test/kafka-broker/kafka-broker.sh start prints it; see docs/kafka-in-ci.md',
  },
];
const skipped = servers.filter((s) => !process.env[s.env]);

module.exports = {
  // real SQLite files, compiled child processes and property tests of hundreds of runs: the 5 s default measures the
  // machine's load, not the code (speed is measured by `npm run bench`, never by a test's time)
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The workspace in real headless Chromium (Debian's; docs/workspace.md), against the API on the demo's store.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/web/**/*.browser-spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/**/*.integration-spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...skipped.map((s) => s.path)],
    },
  ],
  reporters: [
    'default',
    [
      '<rootDir>/test/support/run-summary-reporter.js',
      { skipped: skipped.map((s) => `${s.suite} (set ${s.env}; ${s.how})`) },
    ],
  ],
};
