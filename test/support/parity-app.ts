import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@benefit-ledger/application';
import { sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from '../../apps/api/src/create-app';

/** Everything an app logs, as written (JSON lines). */
export class CapturedLog extends Writable {
  private text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** One answer as it came off the socket: status, headers (names in lower case) and the body's bytes as text. */
export interface Exchange {
  status: number;
  headers: Record<string, string | string[]>;
  text: string;
}

/** A request sent byte for byte: nothing is added but Host and Connection (node's), and Content-Length unless `chunked`. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

/** A row of the events table, for comparing what two apps appended. */
export interface StoredEvent {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * The API exactly as `npm start` serves it (createApp, then listen on a loopback port) over a real SQLite store in
 * a fresh temporary directory, its logs captured. Requests go over real sockets, so whatever answers on the
 * server's 'request' event (Express, or anything placed in front of it) answers them.
 */
export class ParityApp {
  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly log: CapturedLog,
    private readonly port: number,
  ) {}

  static async start(settings: Partial<AppConfig>): Promise<ParityApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-parity-'));
    const config: AppConfig = { port: 0, dataDir, bodyLimitBytes: 64 * 1024, rateLimitPerMinute: 0, ...settings };
    const log = new CapturedLog();
    const { app } = await createApp(config, { destination: log });
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    return new ParityApp(app, config, log, port);
  }

  send(sent: RawRequest): Promise<Exchange> {
    const headers = sent.chunked
      ? { ...sent.headers, 'Transfer-Encoding': 'chunked' }
      : { 'Content-Length': String(sent.body.length), ...sent.headers };
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: this.port, method: sent.method, path: sent.path, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const answerHeaders: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) answerHeaders[name] = value;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: answerHeaders,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (sent.chunked && sent.body.length > 0) {
        // two chunks, so a reader that takes the first chunk for the whole body is caught
        const half = Math.floor(sent.body.length / 2);
        req.write(sent.body.subarray(0, half));
        req.end(sent.body.subarray(half));
      } else {
        req.end(sent.body);
      }
    });
  }

  /** Events in the log, counted with a separate raw connection (independent of the code under test). */
  logLength(): number {
    return this.query<{ n: number }>('SELECT COUNT(*) AS n FROM events')[0].n;
  }

  /** The events after `position`, in order. */
  eventsAfter(position: number): StoredEvent[] {
    return this.query<StoredEvent>(
      'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position',
      position,
    );
  }

  /** The stream's last revision (-1 when it has none). */
  streamRevision(streamId: string): number {
    return (
      this.query<{ r: number | null }>('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?', streamId)[0].r ?? -1
    );
  }

  lastPosition(): number {
    return this.query<{ p: number | null }>('SELECT MAX(position) AS p FROM events')[0].p ?? 0;
  }

  /** The log lines of one request (bound to its correlation id), waiting a little for pino-http's line, written when the answer finishes. */
  async linesOf(correlationId: string, timeoutMs = 2_000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.log.lines().filter((line) => line.correlationId === correlationId);
      if (lines.some((line) => 'status' in line && 'ms' in line) || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  private query<Row>(sql: string, ...parameters: unknown[]): Row[] {
    const db = new Database(sqliteFile(this.config.dataDir), { readonly: true });
    try {
      return db.prepare(sql).all(...parameters) as Row[];
    } finally {
      db.close();
    }
  }
}

/** Prometheus text: every sample of the named metrics, keyed by `name{labels}`. */
export function samplesOf(text: string, names: readonly string[]): Record<string, number> {
  const samples: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && names.includes(match[1]))
      samples[`${match[1]}${(match[2] as string | undefined) ?? ''}`] = Number(match[3]);
  }
  return samples;
}
