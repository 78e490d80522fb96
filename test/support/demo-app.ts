import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { Role } from '@benefit-ledger/domain';
import { sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { runCli } from './run-cli';

/**
 * What a new user has after `npm run demo`: the compiled CLI's demo in a fresh DATA_DIR, then the real Nest
 * application on it. `as(role, organisation)` acts with a token minted by the same secret; `logLength()` counts
 * events with a separate raw connection, to prove "nothing appended".
 */
export class DemoApp {
  private constructor(
    readonly dataDir: string,
    readonly config: AppConfig,
    readonly app: INestApplication | null,
  ) {}

  static async start(options: { serve?: boolean } = {}): Promise<DemoApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
    const demo = runCli(['demo'], { DATA_DIR: dataDir });
    if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const config = loadConfig({ DATA_DIR: dataDir });
    if (options.serve === false) return new DemoApp(dataDir, config, null);
    const { app } = await createApp(config, false);
    await app.init();
    return new DemoApp(dataDir, config, app);
  }

  token(role: Role, organisationId: string): Promise<string> {
    return mintToken(resolveJwtSecret(this.config).secret, { sub: `${role}@${organisationId}`, role, organisationId });
  }

  async as(role: Role, organisationId: string) {
    const token = await this.token(role, organisationId);
    const http = () => request(this.app!.getHttpServer());
    return {
      post: (path: string, body: object) => http().post(path).set('Authorization', `Bearer ${token}`).send(body),
      get: (path: string) => http().get(path).set('Authorization', `Bearer ${token}`),
    };
  }

  /** Runs the compiled CLI on this DATA_DIR. */
  cli(args: string[]) {
    return runCli(args, { DATA_DIR: this.dataDir });
  }

  logLength(): number {
    const db = new Database(sqliteFile(this.dataDir), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async stop(): Promise<void> {
    await this.app?.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
