import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Test } from '@nestjs/testing';
import { ConfigService } from '@nestjs/config';
import {
  AppConfig,
  CONFIG_DEFAULTS,
  CONFIG_VARIABLE_NAMES,
  ConfigVariableName,
  ConfigurationError,
  CompleteAppConfig,
  appConfigModule,
  configurationTable,
  dotEnvExample,
  environmentWithDotEnv,
  loadConfig,
  lookalikeVariables,
  withConfigDefaults,
} from '../src';

const ROOT = join(__dirname, '..', '..', '..');

/** The error loadConfig throws for `env`, as text (fails the test if it does not throw). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/**
 * Each variable: its default (unset, and set empty), a value it accepts (and what AppConfig then holds), and one it
 * refuses with the message naming it. A variable added to the schema without a row here fails the first test.
 */
interface VariableCase {
  read: (c: AppConfig) => unknown;
  byDefault: unknown;
  valid: [text: string, value: unknown];
  invalid: [text: string, message: string][];
  /** Set alongside, for variables that only mean something with another (the SASL ones). */
  with?: Record<string, string>;
}

const kafka = (c: AppConfig) => c.kafka;
const KAFKA_ON = { KAFKA_BROKERS: 'k:9092' };
const SASL = { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' };

const CASES: Record<ConfigVariableName, VariableCase> = {
  PORT: {
    read: (c) => c.port,
    byDefault: 3000,
    valid: ['8080', 8080],
    invalid: [
      ['abc', "PORT must be a port number from 0 to 65535, got 'abc'"],
      ['65536', "PORT must be a port number from 0 to 65535, got '65536'"],
      ['-1', "PORT must be a port number from 0 to 65535, got '-1'"],
      ['80.5', "PORT must be a port number from 0 to 65535, got '80.5'"],
    ],
  },
  DATA_DIR: {
    read: (c) => c.dataDir,
    byDefault: resolve('./data'),
    valid: ['/srv/ledger', '/srv/ledger'],
    invalid: [],
  },
  JWT_SECRET: {
    read: (c) => c.jwtSecret,
    byDefault: undefined,
    valid: ['s3cret-of-32-characters-or-more!', 's3cret-of-32-characters-or-more!'],
    invalid: [],
  },
  TOKEN_MAX_LIFETIME_HOURS: {
    read: (c) => c.tokenMaxLifetimeHours,
    byDefault: 24,
    valid: ['8', 8],
    invalid: [
      ['0', "TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from 1 to 8760, got '0'"],
      ['8761', "TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from 1 to 8760, got '8761'"],
      ['1.5', "TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from 1 to 8760, got '1.5'"],
    ],
  },
  EVENTSTORE_CONNECTION_STRING: {
    read: (c) => c.eventStoreConnectionString,
    byDefault: undefined,
    valid: ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    invalid: [
      [
        'http://localhost:2113',
        "EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string, got 'http://localhost:2113'",
      ],
      // the password is never echoed
      [
        'https://admin:changeit@db:2113',
        "EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string, got 'https://***@db:2113'",
      ],
    ],
  },
  RATE_LIMIT_PER_MINUTE: {
    read: (c) => c.rateLimitPerMinute,
    byDefault: 600,
    valid: ['0', 0],
    invalid: [
      ['many', "RATE_LIMIT_PER_MINUTE must be a whole number of requests from 0 (no limit) to 1000000, got 'many'"],
      [
        '1000001',
        "RATE_LIMIT_PER_MINUTE must be a whole number of requests from 0 (no limit) to 1000000, got '1000001'",
      ],
    ],
  },
  FAST_COST_LANE: {
    read: (c) => c.fastCostLane,
    byDefault: true,
    valid: ['off', false],
    invalid: [['no', "FAST_COST_LANE must be one of on, off, got 'no'"]],
  },
  CORS_ORIGINS: {
    read: (c) => c.corsOrigins,
    byDefault: [],
    valid: ['https://a.example.nhs.uk, http://localhost:5173', ['https://a.example.nhs.uk', 'http://localhost:5173']],
    invalid: [
      [
        '*',
        "CORS_ORIGINS must be origins such as https://ledger.example.nhs.uk (scheme, host and port only), comma-separated, got '*'",
      ],
      ['https://a.example.nhs.uk/app', 'CORS_ORIGINS must be origins such as'],
      ['a.example.nhs.uk', 'CORS_ORIGINS must be origins such as'],
    ],
  },
  LOG_LEVEL: {
    read: (c) => c.logLevel,
    byDefault: 'info',
    valid: ['debug', 'debug'],
    invalid: [['verbose', "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'verbose'"]],
  },
  LOG_FORMAT: {
    read: (c) => c.logFormat,
    byDefault: 'auto',
    valid: ['json', 'json'],
    invalid: [['text', "LOG_FORMAT must be one of auto, json, pretty, got 'text'"]],
  },
  READY_MAX_LAG_EVENTS: {
    read: (c) => c.readyMaxLagEvents,
    byDefault: 1000,
    valid: ['0', 0],
    invalid: [['1k', "READY_MAX_LAG_EVENTS must be a whole number of events, got '1k'"]],
  },
  READY_MIN_FREE_DISK_MB: {
    read: (c) => c.readyMinFreeDiskMb,
    byDefault: 100,
    valid: ['2048', 2048],
    invalid: [['2GB', "READY_MIN_FREE_DISK_MB must be a whole number of megabytes, got '2GB'"]],
  },
  BENEFIT_SLIP_THRESHOLD_PERCENT: {
    read: (c) => c.benefitSlipThresholdPercent,
    byDefault: 80,
    valid: ['95', 95],
    invalid: [
      ['0', "BENEFIT_SLIP_THRESHOLD_PERCENT must be a whole number of percent from 1 to 100, got '0'"],
      ['80%', "BENEFIT_SLIP_THRESHOLD_PERCENT must be a whole number of percent from 1 to 100, got '80%'"],
    ],
  },
  KAFKA_BROKERS: {
    read: kafka,
    byDefault: null,
    valid: [
      'kafka-1:9092, kafka-2:9092',
      {
        brokers: ['kafka-1:9092', 'kafka-2:9092'],
        clientId: 'benefit-ledger',
        ssl: false,
        consumerGroup: 'benefit-ledger.finance-reports',
      },
    ],
    invalid: [['kafka', "KAFKA_BROKERS must be host:port[,host:port…], got 'kafka'"]],
  },
  KAFKA_CLIENT_ID: {
    read: (c) => c.kafka?.clientId,
    with: KAFKA_ON,
    byDefault: 'benefit-ledger',
    valid: ['ledger-prod', 'ledger-prod'],
    invalid: [],
  },
  KAFKA_CONSUMER_GROUP: {
    read: (c) => c.kafka?.consumerGroup,
    with: KAFKA_ON,
    byDefault: 'benefit-ledger.finance-reports',
    valid: ['finance-in', 'finance-in'],
    invalid: [],
  },
  KAFKA_SSL: {
    read: (c) => c.kafka?.ssl,
    with: KAFKA_ON,
    byDefault: false,
    valid: ['true', true],
    invalid: [['yes', "KAFKA_SSL must be one of true, false, got 'yes'"]],
  },
  KAFKA_SASL_MECHANISM: {
    read: (c) => c.kafka?.sasl?.mechanism,
    with: { ...KAFKA_ON, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
    byDefault: undefined,
    valid: ['scram-sha-512', 'scram-sha-512'],
    invalid: [['oauth', "KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, got 'oauth'"]],
  },
  KAFKA_SASL_USERNAME: {
    read: (c) => c.kafka?.sasl?.username,
    with: { ...KAFKA_ON, ...SASL },
    byDefault: undefined,
    valid: ['ledger', 'ledger'],
    invalid: [],
  },
  KAFKA_SASL_PASSWORD: {
    read: (c) => c.kafka?.sasl?.password,
    with: { ...KAFKA_ON, ...SASL },
    byDefault: undefined,
    valid: ['pa55', 'pa55'],
    invalid: [],
  },
};

describe('configuration: every variable typed, defaulted and checked in one schema', () => {
  it('has a case here for every variable of the schema, and none that is not in it', () => {
    expect(Object.keys(CASES).sort()).toEqual([...CONFIG_VARIABLE_NAMES].sort());
  });

  describe.each(Object.entries(CASES) as [ConfigVariableName, VariableCase][])('%s', (name, c) => {
    const others = (env: Record<string, string>) => {
      const { [name]: _left, ...rest } = c.with ?? {};
      return { ...rest, ...env };
    };

    it('has its default when unset, and when set empty', () => {
      // the SASL variables go together: none of them set is their default (no SASL)
      if (name.startsWith('KAFKA_SASL_')) {
        expect(c.read(loadConfig(KAFKA_ON))).toBe(c.byDefault);
        return;
      }
      expect(c.read(loadConfig(others({})))).toEqual(c.byDefault);
      expect(c.read(loadConfig(others({ [name]: '' })))).toEqual(c.byDefault);
    });

    it('accepts a valid value', () => {
      const [text, value] = c.valid;
      expect(c.read(loadConfig(others({ [name]: text })))).toEqual(value);
    });

    if (c.invalid.length) {
      it.each(c.invalid)('refuses %p naming the variable', (text, message) => {
        expect(refusal(others({ [name]: text }))).toContain(message);
      });
    }
  });

  it('keeps the SASL variables together: a mechanism needs both credentials, credentials need a mechanism', () => {
    expect(refusal({ ...KAFKA_ON, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toBe(
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(refusal({ ...KAFKA_ON, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toBe(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (plain, scram-sha-256, scram-sha-512)',
    );
  });

  it('names every problem at once, one a line', () => {
    const message = refusal({ PORT: 'x', LOG_LEVEL: 'loud', DATA_DIRR: '/srv' });
    expect(message.split('\n')).toEqual([
      '3 configuration problems:',
      '  unknown variable DATA_DIRR; did you mean DATA_DIR?',
      "  PORT must be a port number from 0 to 65535, got 'x'",
      "  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
    ]);
  });

  it('fills in the defaults of a hand-built AppConfig, keeping what it sets', () => {
    const byHand: AppConfig = { port: 0, dataDir: '/d', bodyLimitBytes: 1, rateLimitPerMinute: 5 };
    const filled: CompleteAppConfig = withConfigDefaults(byHand);
    expect(filled).toEqual({ ...byHand, ...CONFIG_DEFAULTS, rateLimitPerMinute: 5 });
    expect(CONFIG_DEFAULTS).toEqual({
      tokenMaxLifetimeHours: 24,
      rateLimitPerMinute: 600,
      fastCostLane: true,
      corsOrigins: [],
      logLevel: 'info',
      logFormat: 'auto',
      readyMaxLagEvents: 1000,
      readyMinFreeDiskMb: 100,
      benefitSlipThresholdPercent: 80,
      kafka: null,
    });
  });

  it("is what @nestjs/config's ConfigService answers inside the application, defaults filled in", async () => {
    const config = loadConfig({
      DATA_DIR: '/srv/ledger',
      RATE_LIMIT_PER_MINUTE: '42',
      CORS_ORIGINS: 'https://a.example.nhs.uk',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [appConfigModule({ ...config, logLevel: undefined })],
    }).compile();
    const service = moduleRef.get<ConfigService<CompleteAppConfig, true>>(ConfigService);
    expect(service.get('rateLimitPerMinute', { infer: true })).toBe(42);
    expect(service.get('corsOrigins', { infer: true })).toEqual(['https://a.example.nhs.uk']);
    expect(service.get('dataDir', { infer: true })).toBe('/srv/ledger');
    expect(service.get('logLevel', { infer: true })).toBe('info');
    await moduleRef.close();
  });
});

describe('a variable that looks like one of ours but is not stops the start, naming it', () => {
  it.each([
    ['DATA_DIRR', 'DATA_DIR'],
    ['JWT_SECRETS', 'JWT_SECRET'],
    ['KAFKA_BROKER', 'KAFKA_BROKERS'],
    ['data_dir', 'DATA_DIR'],
    ['PORTS', 'PORT'],
    ['CORS_ORIGIN', 'CORS_ORIGINS'],
    ['LOGLEVEL', 'LOG_LEVEL'],
    ['TOKEN_MAX_LIFETIME', 'TOKEN_MAX_LIFETIME_HOURS'], // our family TOKEN_MAX_, though 6 letters away
    ['KAFKA_SASL_PASS', 'KAFKA_SASL_PASSWORD'],
    ['JWT_SECRET_FILE', 'JWT_SECRET'],
    ['READY_MAX_LAG', 'READY_MAX_LAG_EVENTS'],
    ['RATE_LIMIT', 'RATE_LIMIT_PER_MINUTE'],
    ['CORS', 'CORS_ORIGINS'],
  ])('%s: "did you mean %s?"', (name, meant) => {
    expect(refusal({ [name]: 'x' })).toBe(`unknown variable ${name}; did you mean ${meant}?`);
  });

  it.each([
    'HOST',
    'NODE_ENV',
    'PATH',
    'HOME',
    'HOSTNAME',
    'TZ',
    'npm_config_cache',
    'npm_lifecycle_event',
    'INIT_CWD',
    // Kubernetes service links for Services named kafka and eventstore
    'KAFKA_PORT',
    'KAFKA_PORT_9092_TCP_ADDR',
    'KAFKA_SERVICE_HOST',
    'KAFKA_SERVICE_PORT',
    'EVENTSTORE_PORT_2113_TCP',
    // the test broker's (test/kafka-broker), other services' logging
    'KAFKA_VERSION',
    'KAFKA_BROKER_STATE',
    'LOG_DIR',
  ])('leaves %s alone', (name) => {
    expect(() => loadConfig({ [name]: 'x' })).not.toThrow();
  });

  it('flags any one-letter slip in one of our names, suggesting it (property)', () => {
    const letter = fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ_'));
    const slip = fc
      .record({
        name: fc.constantFrom(...CONFIG_VARIABLE_NAMES),
        at: fc.nat(),
        letter,
        kind: fc.constantFrom('insert', 'delete', 'replace'),
      })
      .map(({ name, at, letter: l, kind }) => {
        const i = at % (name.length + (kind === 'insert' ? 1 : 0));
        if (kind === 'insert') return { meant: name, typed: name.slice(0, i) + l + name.slice(i) };
        return { meant: name, typed: name.slice(0, i) + (kind === 'replace' ? l : '') + name.slice(i + 1) };
      })
      .filter(({ meant, typed }) => typed !== meant);
    fc.assert(
      fc.property(slip, ({ meant, typed }) => {
        expect(lookalikeVariables([typed], CONFIG_VARIABLE_NAMES)).toEqual([{ name: typed, suggestion: meant }]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('.env, for local use', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-dotenv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read under the environment: the environment wins, and its variables are checked like any other', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# local\nPORT=4000\nRATE_LIMIT_PER_MINUTE=30\nCORS_ORIGINS="https://a.example.nhs.uk"\n');
    const config = loadConfig(environmentWithDotEnv({ RATE_LIMIT_PER_MINUTE: '0' }, file));
    expect({ port: config.port, rate: config.rateLimitPerMinute, cors: config.corsOrigins }).toEqual({
      port: 4000,
      rate: 0,
      cors: ['https://a.example.nhs.uk'],
    });

    writeFileSync(file, 'DATA_DIRR=/srv\nPORT=http\n');
    expect(refusal(environmentWithDotEnv({}, file) as Record<string, string>)).toBe(
      "2 configuration problems:\n  unknown variable DATA_DIRR; did you mean DATA_DIR?\n  PORT must be a port number from 0 to 65535, got 'http'",
    );
  });

  it('is never required', () => {
    const env = { PORT: '5000' };
    expect(environmentWithDotEnv(env, join(dir, '.env'))).toBe(env);
    expect(loadConfig(environmentWithDotEnv(env, join(dir, '.env'))).port).toBe(5000);
  });
});

describe('the documentation is the schema', () => {
  it('docs/operations.md "Configuration" lists every variable exactly as config-schema.ts describes it', () => {
    const operations = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    const section = operations.slice(
      operations.indexOf('## Configuration\n'),
      operations.indexOf('\n## ', operations.indexOf('## Configuration\n') + 1),
    );
    const table = section
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .join('\n');
    // if this fails after changing the schema, paste configurationTable() into docs/operations.md "Configuration"
    expect(table).toBe(configurationTable());
    for (const name of CONFIG_VARIABLE_NAMES) expect(table).toContain(`| \`${name}\` |`);
  });

  it('.env.example lists every variable at its default, and loads as the defaults once uncommented', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    expect(example).toBe(dotEnvExample()); // if this fails, write dotEnvExample() into .env.example
    const file = join(tmpdir(), `ledger-env-example-${process.pid}`);
    writeFileSync(file, example.replace(/^#([A-Z_]+=)/gm, '$1'));
    try {
      const uncommented = loadConfig(environmentWithDotEnv({}, file));
      expect(uncommented).toEqual(loadConfig({}));
    } finally {
      rmSync(file, { force: true });
    }
  });
});
