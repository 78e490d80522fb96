import 'reflect-metadata';
import { jwtSecretFile, loadConfig } from '@benefit-ledger/application';
import { sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, jwtSecretSource } = await createApp(config);
  await app.listen(config.port);
  const log = { log: (line: string) => process.stdout.write(`[benefit-ledger] ${line}\n`) };
  const url = `http://localhost:${config.port}`;
  log.log(config.eventStoreConnectionString
    ? `store: EventStoreDB (${withoutCredentials(config.eventStoreConnectionString)})`
    : `store: embedded SQLite at ${sqliteFile(config.dataDir)}`);
  if (jwtSecretSource !== 'env') {
    log.log(`JWT secret ${jwtSecretSource === 'generated' ? 'generated into' : 'read from'} ${jwtSecretFile(config.dataDir)} (set JWT_SECRET to choose your own)`);
  }
  log.log(`mint a token:  npm run cli -- token --sub you@example.nhs.uk --role admin --organisation <organisationId>`);
  log.log(`API on ${url}  ·  OpenAPI at ${url}/docs (JSON: ${url}/docs-json)  ·  health at ${url}/health`);
}

/** Never log a password that may sit in a connection string. */
function withoutCredentials(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

main().catch((error) => {
  process.stderr.write(`benefit-ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
