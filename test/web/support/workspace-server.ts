import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { AppConfig, loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { Role } from '@benefit-ledger/domain';
import { createApp } from '../../../apps/api/src/create-app';
import { workspaceDirectory } from '../../../apps/api/src/web/serve-workspace';
import { runCli } from '../../support/run-cli';

/**
 * What a new user has after `npm ci && npm run demo && npm start`: the compiled CLI's demo in a fresh DATA_DIR, and
 * the real API (built by createApp, as `npm start` builds it) listening on a real port on 127.0.0.1, serving the
 * workspace built into dist/web. The browser talks to it over HTTP like any browser would.
 */
export class WorkspaceServer {
  private constructor(
    readonly dataDir: string,
    readonly config: AppConfig,
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  static async start(): Promise<WorkspaceServer> {
    if (!workspaceDirectory())
      throw new Error('dist/web/index.html is missing: run `npm run build` (npm test does it first)');
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-workspace-'));
    const demo = runCli(['demo'], { DATA_DIR: dataDir });
    if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const config = loadConfig({ DATA_DIR: dataDir });
    const { app } = await createApp(config, false);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new WorkspaceServer(dataDir, config, app, `http://127.0.0.1:${port}`);
  }

  token(role: Role, organisationId: string): Promise<string> {
    return mintToken(resolveJwtSecret(this.config).secret, { sub: `${role}@${organisationId}`, role, organisationId });
  }

  /** The API as a client sees it, with a token of this role: the answers the pages must show. */
  async as(role: Role, organisationId: string) {
    const token = await this.token(role, organisationId);
    const call = async (method: 'GET' | 'POST', path: string, body?: object) => {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    };
    return {
      token,
      get: (path: string) => call('GET', path),
      post: (path: string, body: object) => call('POST', path, body),
    };
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
