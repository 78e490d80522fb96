import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { AppConfig, mintToken } from '@benefit-ledger/application';
import { Role } from '@benefit-ledger/domain';
import { sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from '../../apps/api/src/create-app';

/**
 * The real Nest application on the real SQLite store in a fresh temporary directory.
 * `logLength()` counts rows with a separate raw connection, so "nothing appended" is checked
 * independently of the code under test.
 */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly secret: string,
  ) {}

  /** `settings`: anything to set beyond the defaults (e.g. `rateLimitPerMinute`). */
  static async start(settings: Partial<AppConfig> = {}): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    const secret = 'test-secret-not-for-production';
    // No rate limit unless a suite sets one: some drive far more than 600 requests a minute as one user
    // (hostile-input.generated); test/rate-limit.e2e-spec.ts tests the limit itself.
    const config: AppConfig = {
      port: 0,
      dataDir,
      jwtSecret: secret,
      bodyLimitBytes: 64 * 1024,
      rateLimitPerMinute: 0,
      ...settings,
    };
    const { app } = await createApp(config, false);
    await app.init();
    return new TestApp(app, config, secret);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  token(role: Role, organisationId: string, sub = `${role}@${organisationId}`): Promise<string> {
    return mintToken(this.secret, { sub, role, organisationId });
  }

  async as(role: Role, organisationId: string) {
    const token = await this.token(role, organisationId);
    const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
    return {
      post: (path: string, body: object, headers: Record<string, string> = {}) =>
        auth(this.http.post(path)).set(headers).send(body),
      get: (path: string) => auth(this.http.get(path)),
    };
  }

  logLength(): number {
    const db = new Database(sqliteFile(this.config.dataDir), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}
