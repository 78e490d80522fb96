import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ReadModelLag } from './read-model-lag';

/** Lag beyond this many events is reported as this many (EventStoreDB's lag is counted event by event). */
const LAG_COUNTED_UP_TO = 100_000;

/**
 * What GET /metrics serves, in Prometheus' text format: one registry per application (tests run several in one
 * process), with Node's process metrics beside the ledger's own.
 */
@Injectable()
export class LedgerMetrics {
  readonly registry = new Registry();

  /**
   * Every answer, by route pattern; `(none)` when no API route answered (a 404, a body refused before routing, a static
   * file). Its `_count` is the request rate.
   */
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** A command is refused when its answer is a 4xx or 5xx; the status says why (403 access, 409 conflict, 422 a domain rule...). */
  readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands sent through the API, by command type, outcome (accepted or refused) and HTTP status',
    labelNames: ['type', 'outcome', 'status'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'ledger_append_duration_seconds',
    help: 'Time one append to the event store takes, until it is durable',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly groupCommitSize = new Histogram({
    name: 'ledger_group_commit_appends',
    help: 'Appends made durable together by one commit (group commit: one transaction, one fsync)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });

  constructor(lag: ReadModelLag) {
    new Gauge({
      name: 'ledger_read_model_lag_events',
      help: `Events in the log the read models have not applied yet (counted up to ${LAG_COUNTED_UP_TO})`,
      registers: [this.registry],
      async collect() {
        // a store that cannot answer must not fail the whole scrape: NaN says "unknown" (and /health/ready says why)
        this.set(await lag.events(LAG_COUNTED_UP_TO).catch(() => Number.NaN));
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }
}
