import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TOKEN_MAX_LIFETIME_HOURS, TOKEN_MAX_LIFETIME_HOURS_RANGE } from '../auth/token-lifetime';

/**
 * Every environment variable the API and the CLI read, in one place: how its text is checked and turned into a
 * value (a zod schema carrying the default), and its row in docs/operations.md "Configuration" (a test keeps that table
 * equal to `configurationTable()`). An empty variable counts as unset.
 */
interface ConfigVariable {
  schema: z.ZodType;
  /** The default as docs/operations.md shows it (Markdown). */
  default: string;
  /** What it does, as docs/operations.md shows it (Markdown, no `|`). */
  meaning: string;
  /** How an error message shows a value it refuses; secrets are never shown. */
  shown?: (value: string) => string;
}

const SECRET = () => '(hidden)';
/** A password in a connection string is never shown. */
export const withoutCredentials = (connectionString: string) => connectionString.replace(/\/\/[^@/]*@/, '//***@');

/** A whole number within bounds; `rule` completes "<NAME> must be …". */
const wholeNumber = (min: number, max: number, rule: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, rule)
    .transform(Number)
    .refine((n) => n >= min && n <= max, rule);

/** Comma-separated items, blanks dropped, each passing `isItem`. */
const commaSeparated = (isItem: (item: string) => boolean, rule: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.every(isItem), rule);

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, `one of ${values.join(', ')}`);

const isHostPort = (broker: string) => /^[^\s:/]+:\d{1,5}$/.test(broker);

/** An origin as a browser sends it: scheme, host and port only (no path, no trailing slash, no `*`). */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
const { min: minTokenHours, max: maxTokenHours } = TOKEN_MAX_LIFETIME_HOURS_RANGE;

export const CONFIG_VARIABLES = {
  PORT: {
    schema: wholeNumber(0, 65535, 'a port number from 0 to 65535').default(3000),
    default: '`3000`',
    meaning: 'HTTP port',
  },
  DATA_DIR: {
    schema: z
      .string()
      .default('./data')
      .transform((dir) => resolve(dir)),
    default: '`./data`',
    meaning:
      'holds `ledger.sqlite` (the log), the read models, the writer lock (`writer.lock`, see `docs/operations.md`) and, if `JWT_SECRET` is unset, `jwt-secret`',
  },
  JWT_SECRET: {
    schema: z.string().optional(),
    default: 'generated once into `DATA_DIR/jwt-secret` (mode 0600)',
    meaning: 'HS256 secret for bearer tokens; **required** with EventStoreDB (replicas must share it)',
    shown: SECRET,
  },
  TOKEN_MAX_LIFETIME_HOURS: {
    schema: wholeNumber(
      minTokenHours,
      maxTokenHours,
      `a whole number of hours from ${minTokenHours} to ${maxTokenHours}`,
    ).default(DEFAULT_TOKEN_MAX_LIFETIME_HOURS),
    default: `\`${DEFAULT_TOKEN_MAX_LIFETIME_HOURS}\``,
    meaning: `the longest a bearer token may live, a whole number of hours from ${minTokenHours} to ${maxTokenHours}: a token without \`exp\`, or whose \`exp\` is further than this after its \`iat\` or after now, is refused (401); \`npm run cli -- token\` issues 12 h (or this, if less) and refuses a longer \`--expires-in\` (\`docs/access-and-dates.md\`)`,
  },
  EVENTSTORE_CONNECTION_STRING: {
    schema: z
      .string()
      .regex(/^esdb(\+discover)?:\/\/\S+$/, 'an esdb:// or esdb+discover:// connection string')
      .optional(),
    default: 'unset',
    meaning: 'when set, EventStoreDB / KurrentDB is the store, e.g. `esdb://localhost:2113?tls=false`',
    shown: withoutCredentials,
  },
  RATE_LIMIT_PER_MINUTE: {
    schema: wholeNumber(0, 1_000_000, 'a whole number of requests from 0 (no limit) to 1000000').default(600),
    default: '`600`',
    meaning:
      'requests a minute each user may make before the API answers 429 with `Retry-After`; `0` turns the limit off',
  },
  FAST_COST_LANE: {
    schema: oneOf(['on', 'off'] as const).default('on'),
    default: '`on`',
    meaning:
      '`on`: a plain cost command (`POST /interventions/{id}/costs`) is answered by the fast lane beside the framework, with the same answer, headers, log line and metrics (`docs/throughput.md`); `off` sends every request through Nest',
  },
  CORS_ORIGINS: {
    schema: commaSeparated(
      isOrigin,
      'origins such as https://ledger.example.nhs.uk (scheme, host and port only), comma-separated',
    ).default([]),
    default: 'empty',
    meaning: 'browser origins allowed to call the API (CORS), comma-separated; empty: no cross-origin access',
  },
  LOG_LEVEL: {
    schema: oneOf(LOG_LEVELS).default('info'),
    default: '`info`',
    meaning: `the least severe log line written: ${LOG_LEVELS.map((l) => `\`${l}\``).join(', ')}`,
  },
  LOG_FORMAT: {
    schema: oneOf(LOG_FORMATS).default('auto'),
    default: '`auto`',
    meaning: '`json` (one JSON object a line), `pretty` (for people), or `auto`: pretty on a terminal, JSON otherwise',
  },
  READY_MAX_LAG_EVENTS: {
    schema: wholeNumber(0, 1_000_000_000, 'a whole number of events').default(1000),
    default: '`1000`',
    meaning: '`/health/ready` answers 503 while the read models trail the log by more events than this',
  },
  READY_MIN_FREE_DISK_MB: {
    schema: wholeNumber(0, 1_000_000_000, 'a whole number of megabytes').default(100),
    default: '`100`',
    meaning: '`/health/ready` answers 503 while the disk holding `DATA_DIR` has less free space than this (MB)',
  },
  BENEFIT_SLIP_THRESHOLD_PERCENT: {
    schema: wholeNumber(1, 100, 'a whole number of percent from 1 to 100').default(80),
    default: '`80`',
    meaning:
      'plan against actual flags a benefit year whose actual is below this share of its forecast (`docs/benefits-register.md`)',
  },
  KAFKA_BROKERS: {
    schema: commaSeparated(isHostPort, 'host:port[,host:port…]').default([]),
    default: 'unset',
    meaning:
      '`host:port[,host:port…]`: lets `npm run cli -- gateway` run (see `docs/kafka.md`); unset, Kafka is off and nothing else changes (the API never uses it)',
  },
  KAFKA_CLIENT_ID: {
    schema: z.string().default('benefit-ledger'),
    default: '`benefit-ledger`',
    meaning: 'kafkajs client id',
  },
  KAFKA_CONSUMER_GROUP: {
    schema: z.string().default('benefit-ledger.finance-reports'),
    default: '`benefit-ledger.finance-reports`',
    meaning: 'consumer group of the finance-report consumer',
  },
  KAFKA_SSL: {
    schema: oneOf(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    default: '`false`',
    meaning: '`true` for TLS to the brokers',
  },
  KAFKA_SASL_MECHANISM: {
    schema: oneOf(SASL_MECHANISMS).optional(),
    default: 'unset (no SASL)',
    meaning: 'SASL `plain`, `scram-sha-256` or `scram-sha-512`; needs `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD`',
  },
  KAFKA_SASL_USERNAME: {
    schema: z.string().optional(),
    default: 'unset',
    meaning: 'SASL user name',
  },
  KAFKA_SASL_PASSWORD: {
    schema: z.string().optional(),
    default: 'unset',
    meaning: 'SASL password',
    shown: SECRET,
  },
} as const satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;
export const CONFIG_VARIABLE_NAMES = Object.keys(CONFIG_VARIABLES) as ConfigVariableName[];

type Schemas = { [Name in ConfigVariableName]: (typeof CONFIG_VARIABLES)[Name]['schema'] };
const schemas = Object.fromEntries(
  CONFIG_VARIABLE_NAMES.map((name) => [name, CONFIG_VARIABLES[name].schema]),
) as Schemas;

/**
 * The environment as the schema reads it: our variables (the others are stripped; lookalikeVariables checks
 * their names), and the rules between variables.
 */
export const environmentSchema = z.object(schemas).superRefine((e, ctx) => {
  if (e.KAFKA_SASL_MECHANISM && (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: 'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    });
  }
  if (!e.KAFKA_SASL_MECHANISM && (e.KAFKA_SASL_USERNAME !== undefined || e.KAFKA_SASL_PASSWORD !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (${SASL_MECHANISMS.join(', ')})`,
    });
  }
});
export type Environment = z.output<typeof environmentSchema>;

/** A value the schema refuses, or a rule between variables: "PORT must be a port number…, got 'abc'". */
export function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = issue.path[0];
  if (typeof name !== 'string' || !(name in CONFIG_VARIABLES)) return issue.message;
  const value = env[name] ?? '';
  const shown = (CONFIG_VARIABLES[name as ConfigVariableName] as ConfigVariable).shown?.(value) ?? value;
  return `${name} must be ${issue.message}, got '${shown}'`;
}

/** docs/operations.md "Configuration": one row per variable, from the schema above. */
export function configurationTable(): string {
  const rows = CONFIG_VARIABLE_NAMES.map((name) => {
    const variable: ConfigVariable = CONFIG_VARIABLES[name];
    return `| \`${name}\` | ${variable.default} | ${variable.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** `.env.example`: every variable, commented out at its default, from the schema above (a test keeps the file equal). */
export function dotEnvExample(): string {
  const header = [
    '# Every variable benefit-ledger reads, commented out at its default (docs/operations.md "Configuration").',
    '# For local use copy this file to .env (git-ignored, never required) and uncomment what you change;',
    '# a variable set in the environment wins over .env. Generated from libs/application/src/config/config-schema.ts.',
  ];
  const blocks = CONFIG_VARIABLE_NAMES.map((name) => {
    const variable: ConfigVariable = CONFIG_VARIABLES[name];
    const literal = /^`([^`]*)`$/.exec(variable.default)?.[1] ?? '';
    return `# ${variable.meaning.replace(/`/g, '').replace(/\*\*/g, '')}\n#${name}=${literal}`;
  });
  return `${[header.join('\n'), ...blocks].join('\n\n')}\n`;
}
