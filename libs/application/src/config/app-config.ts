import {
  CONFIG_VARIABLE_NAMES,
  Environment,
  LOG_FORMATS,
  LOG_LEVELS,
  SASL_MECHANISMS,
  describeIssue,
  environmentSchema,
} from './config-schema';
import { environmentWithDotEnv } from './dot-env';
import { describeLookalike, lookalikeVariables } from './lookalike-variables';

export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Kafka settings (KAFKA_*); AppConfig.kafka is null when KAFKA_BROKERS is unset: Kafka is off. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: (typeof SASL_MECHANISMS)[number]; username: string; password: string };
  /** Consumer group of the finance-report consumer. */
  consumerGroup: string;
}

/**
 * Configuration, from the environment: every variable is described in config-schema.ts (docs/operations.md "Configuration").
 * Fields added after the first ones are optional so that a test can build an AppConfig by hand; CONFIG_DEFAULTS
 * (or withConfigDefaults) gives their values when unset.
 */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Set explicitly; otherwise resolved by resolveJwtSecret. */
  jwtSecret?: string;
  eventStoreConnectionString?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** TOKEN_MAX_LIFETIME_HOURS: the longest a bearer token may live (its exp after iat and after now); 24 when unset. */
  tokenMaxLifetimeHours?: number;
  /** RATE_LIMIT_PER_MINUTE: requests a minute per user; 0 is no limit. */
  rateLimitPerMinute?: number;
  /** FAST_COST_LANE: plain cost commands answered beside the framework (apps/api/src/http/fast-cost-lane.ts); on unless off. */
  fastCostLane?: boolean;
  /** CORS_ORIGINS: browser origins allowed; empty is none. */
  corsOrigins?: string[];
  /** LOG_LEVEL: pino level. */
  logLevel?: LogLevel;
  /** LOG_FORMAT: auto is pretty on a terminal, JSON otherwise. */
  logFormat?: LogFormat;
  /** READY_MAX_LAG_EVENTS: read models may trail the log by this many events and still be ready. */
  readyMaxLagEvents?: number;
  /** READY_MIN_FREE_DISK_MB: below this much free space on DATA_DIR's disk, not ready. */
  readyMinFreeDiskMb?: number;
  /** BENEFIT_SLIP_THRESHOLD_PERCENT: plan against actual flags a year whose actual is below this share of forecast. */
  benefitSlipThresholdPercent?: number;
  /** KAFKA_*: null when Kafka is off. */
  kafka?: KafkaSettings | null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** A configuration that stops the start: each problem names its variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1 ? problems[0] : `${problems.length} configuration problems:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ConfigurationError';
  }
}

/**
 * The configuration of the API and the CLI, the one entry point: the environment (by default the process's,
 * over `.env`), checked against config-schema.ts. Throws a ConfigurationError naming every bad value and every
 * variable that looks like one of ours but is not (`unknown variable DATA_DIRR; did you mean DATA_DIR?`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = environmentWithDotEnv()): AppConfig {
  const lookalikes = lookalikeVariables(Object.keys(env), CONFIG_VARIABLE_NAMES).map(describeLookalike);
  const read = readEnvironment(env);
  const problems = [...lookalikes, ...read.problems];
  // no environment comes with problems, so the second test only narrows the type
  if (problems.length > 0 || read.environment === undefined) throw new ConfigurationError(problems);
  const e = read.environment;
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    bodyLimitBytes: 64 * 1024,
    tokenMaxLifetimeHours: e.TOKEN_MAX_LIFETIME_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    fastCostLane: e.FAST_COST_LANE === 'on',
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    readyMaxLagEvents: e.READY_MAX_LAG_EVENTS,
    readyMinFreeDiskMb: e.READY_MIN_FREE_DISK_MB,
    benefitSlipThresholdPercent: e.BENEFIT_SLIP_THRESHOLD_PERCENT,
    kafka: kafkaSettingsOf(e),
  };
}

/** The KAFKA_* variables alone (the rest of `env` is not looked at): null when KAFKA_BROKERS is unset. */
export function kafkaSettingsFromEnvironment(env: NodeJS.ProcessEnv): KafkaSettings | null {
  const read = readEnvironment(Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('KAFKA_'))));
  if (read.problems.length > 0 || read.environment === undefined) throw new ConfigurationError(read.problems);
  return kafkaSettingsOf(read.environment);
}

type CompleteFields =
  | 'tokenMaxLifetimeHours'
  | 'rateLimitPerMinute'
  | 'fastCostLane'
  | 'corsOrigins'
  | 'logLevel'
  | 'logFormat'
  | 'readyMaxLagEvents'
  | 'readyMinFreeDiskMb'
  | 'benefitSlipThresholdPercent'
  | 'kafka';
/** An AppConfig with every optional setting filled in. */
export type CompleteAppConfig = AppConfig & Required<Pick<AppConfig, CompleteFields>>;

/** The optional settings' values when the environment leaves them unset: the schema's defaults. */
export const CONFIG_DEFAULTS: Pick<CompleteAppConfig, CompleteFields> = (() => {
  const {
    tokenMaxLifetimeHours,
    rateLimitPerMinute,
    fastCostLane,
    corsOrigins,
    logLevel,
    logFormat,
    readyMaxLagEvents,
    readyMinFreeDiskMb,
    benefitSlipThresholdPercent,
    kafka,
  } = loadConfig({}) as CompleteAppConfig;
  return {
    tokenMaxLifetimeHours,
    rateLimitPerMinute,
    fastCostLane,
    corsOrigins,
    logLevel,
    logFormat,
    readyMaxLagEvents,
    readyMinFreeDiskMb,
    benefitSlipThresholdPercent,
    kafka,
  };
})();

/** A hand-built AppConfig (tests) with the defaults of what it leaves out. */
export function withConfigDefaults(config: AppConfig): CompleteAppConfig {
  const filled = { ...config };
  for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) {
    if (filled[key as CompleteFields] === undefined) Object.assign(filled, { [key]: value });
  }
  return filled as CompleteAppConfig;
}

/** The schema over `env`; an empty variable counts as unset (`PORT= npm start` means the default). */
function readEnvironment(env: NodeJS.ProcessEnv): { environment?: Environment; problems: string[] } {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
  const result = environmentSchema.safeParse(set);
  if (result.success) return { environment: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => describeIssue(issue, set)) };
}

function kafkaSettingsOf(environment: Environment): KafkaSettings | null {
  if (environment.KAFKA_BROKERS.length === 0) return null;
  const settings: KafkaSettings = {
    brokers: environment.KAFKA_BROKERS,
    clientId: environment.KAFKA_CLIENT_ID,
    ssl: environment.KAFKA_SSL,
    consumerGroup: environment.KAFKA_CONSUMER_GROUP,
  };
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = environment;
  // the schema refuses a mechanism without both credentials, so a mechanism always comes with them here
  if (mechanism && username !== undefined && password !== undefined) settings.sasl = { mechanism, username, password };
  return settings;
}
