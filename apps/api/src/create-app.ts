import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, resolveJwtSecret } from '@benefit-ledger/application';
import { AppModule } from './app.module';
import { ErrorFilter } from './http/error.filter';
import { useJsonBodies } from './http/request-body';
import { validationPipe } from './http/validation';

export interface CreatedApp {
  app: INestApplication;
  jwtSecretSource: 'env' | 'file' | 'generated';
}

/** Builds the API exactly as `npm start` serves it; tests call this too. */
export async function createApp(config: AppConfig, logger: LogLevel[] | false = ['warn', 'error']): Promise<CreatedApp> {
  const { secret, source } = resolveJwtSecret(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, secret), { logger, bodyParser: false });
  useJsonBodies(app, config.bodyLimitBytes);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('benefit-ledger')
    .setDescription('An event-sourced ledger of the value of health and care improvement work. Money is integer pence; financial years are written 2019/20.')
    .setVersion('1')
    .addBearerAuth()
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return { app, jwtSecretSource: source };
}
