import { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { Express } from 'express';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, resolveJwtSecret, withConfigDefaults } from '@benefit-ledger/application';
import { AppModule } from './app.module';
import { CommandBus } from '@nestjs/cqrs';
import { VerifiedTokens } from './auth/verified-tokens';
import { ErrorFilter } from './http/error.filter';
import { FastCostLaneParts, installFastCostLane } from './http/fast-cost-lane';
import { openApiDocument } from './http/openapi-document';
import { useJsonBodies } from './http/request-body';
import { validationPipe } from './http/validation-pipe';
import { correlationIds } from './observability/correlation-id';
import { httpMetrics } from './observability/http-metrics';
import { LedgerMetrics } from './observability/ledger-metrics';
import { Logging, NestPinoLogger, requestLogger, rootLogger } from './observability/request-logging';
import { securityHeadersWithoutOrigin, useHttpSecurity } from './security/http-security';
import { UserThrottlerGuard } from './security/user-throttler.guard';
import { serveWorkspace } from './web/serve-workspace';

export interface CreatedApp {
  app: INestApplication;
  jwtSecretSource: 'env' | 'file' | 'generated';
}

/**
 * Builds the API exactly as `npm start` serves it; tests call this too, with `logging` false for no logs at all.
 * Logs are pino's (docs/operations.md "Logs"): JSON lines to stdout, or to `logging.destination`.
 */
export async function createApp(config: AppConfig, logging: Logging | false = {}): Promise<CreatedApp> {
  const settings = withConfigDefaults(config);
  const { secret, source } = resolveJwtSecret(config);
  const logger = logging ? rootLogger(settings, logging) : null;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, secret, logger),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class but reads it as plain data; an object literal is its documented form
    logger ? { bufferLogs: true, bodyParser: false } : { logger: false, bodyParser: false },
  );
  if (logger) {
    app.useLogger(app.get(NestPinoLogger));
    app.flushLogs(); // what Nest logged while the modules were built, now through pino (an app that is only init()ed would keep it)
  }
  // In this order, before anything can refuse a request: every answer carries its correlation id, is logged and is measured.
  app.use(correlationIds);
  if (logger) app.use(requestLogger(logger));
  app.use(httpMetrics(app.get(LedgerMetrics)));
  useHttpSecurity(app, settings.corsOrigins);
  serveWorkspace(app); // the analyst's workspace at / and /app/* (docs/workspace.md)
  useJsonBodies(app, config.bodyLimitBytes);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  if (settings.fastCostLane) {
    const express: Express = app.getHttpAdapter().getInstance();
    const server: Server = app.getHttpServer();
    installFastCostLane(server, express, {
      commands: app.get(CommandBus),
      verifiedTokens: app.get(VerifiedTokens),
      metrics: app.get(LedgerMetrics),
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      fixedHeaders: securityHeadersWithoutOrigin(settings.corsOrigins),
      etagOf: express.get('etag fn') as FastCostLaneParts['etagOf'],
      rateLimit: settings.rateLimitPerMinute > 0 ? app.get(UserThrottlerGuard) : null,
    });
  }
  return { app, jwtSecretSource: source };
}
