import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, withConfigDefaults } from './app-config';

/**
 * @nestjs/config's ConfigService over the configuration loadConfig already checked: `ConfigService<CompleteAppConfig, true>`
 * answers `get('rateLimitPerMinute')` and the rest, defaults filled in. It reads no `.env` and no process.env
 * itself, so the environment is read and checked once, by loadConfig (also the CLI's entry point, before Nest starts).
 */
export function appConfigModule(config: AppConfig): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validatePredefined: false,
    skipProcessEnv: true,
    load: [() => withConfigDefaults(config)],
  });
}
