import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { jwtSecretFile, loadConfig, lockDataDir } from '@benefit-ledger/application';
import { sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // DATA_DIR's writer lock (docs/operations.md), held for the life of the process
  lockDataDir(config.dataDir, `the API on port ${config.port}`);
  const { app, jwtSecretSource } = await createApp(config);
  await app.listen(config.port);
  const log = new Logger('Startup'); // the app's logger (pino): JSON lines, or readable ones on a terminal
  const url = `http://localhost:${config.port}`;
  log.log(
    config.eventStoreConnectionString
      ? `store: EventStoreDB (${withoutCredentials(config.eventStoreConnectionString)})`
      : `store: embedded SQLite at ${sqliteFile(config.dataDir)}`,
  );
  if (jwtSecretSource !== 'env') {
    log.log(
      `JWT secret ${jwtSecretSource === 'generated' ? 'generated into' : 'read from'} ${jwtSecretFile(config.dataDir)} (set JWT_SECRET to choose your own)`,
    );
  }
  log.log(`mint a token:  npm run cli -- token --sub you@example.nhs.uk --role admin --organisation <organisationId>`);
  log.log(
    `API on ${url}  ·  OpenAPI at ${url}/docs (JSON: ${url}/docs-json)  ·  health at ${url}/health/live and ${url}/health/ready  ·  metrics at ${url}/metrics (admin token)`,
  );
}

/** Never log a password that may sit in a connection string. */
function withoutCredentials(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

main().catch((error: unknown) => {
  process.stderr.write(`benefit-ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
