import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStore, RecordedEvent, SqliteEventStore, Subscription } from '@benefit-ledger/event-store';
import { FACT_FREE_TYPES, ROW_FACT_TABLES, ROW_FACT_TYPES } from './facts';
import { DerivedReadModels } from './flow-parts';
import { FlowPartsJob, ProvenanceJob, ProvenanceResult, WorkerReport } from './rebuild/provenance-rebuild';
import { ReadModelTable, tablesIn } from './read-model-schema';
import { BulkLoad, ReadModelStore, TableDigests, combineDigest } from './read-model-store';

/** The log position the store has reached; the projector waits for it before a query answers. */
export type HeadPosition = () => Promise<number>;

export class ProjectionLagError extends Error {}

/** Live events applied in one read-model transaction at most; a longer run (a catch-up) is applied as it comes. */
const LIVE_BATCH = 500;

/**
 * Keeps the read models caught up with the log: catch-up then live through the store's subscription. Events
 * delivered in the same turn of the event loop (a group commit's, a catch-up page) are applied in one transaction.
 * Queries call `caughtUp()` first, so an answer includes every event that was acknowledged before the query began
 * (read-your-writes).
 */
export class Projector {
  private subscription: Subscription | null = null;
  private waiters: { position: number; resolve: () => void }[] = [];
  private failure: Error | null = null;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;

  /**
   * `catchUpWhenStopped`: for a process that never keeps the read models live (a CLI command), `reached` applies
   * the log itself instead of waiting for a subscription.
   */
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly head: HeadPosition,
    private readonly options: { catchUpWhenStopped?: boolean } = {},
  ) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribeToAll(
      { after: this.readModels.resumePosition(), onError: (error) => this.fail(error) },
      (event) => this.applyOne(event),
    );
  }

  /** Holds an event for this turn's batch; a full batch is applied at once, so a long catch-up never piles up. */
  private applyOne(event: RecordedEvent): void {
    this.pending.push(event);
    if (this.pending.length >= LIVE_BATCH) this.applyPending();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        try {
          this.applyPending();
        } catch (error) {
          this.fail(error);
          void this.subscription?.stop();
        }
      });
    }
  }

  private applyPending(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.readModels.apply(batch);
    } catch {
      // the batch was rolled back whole: apply it one event at a time, so that every event before the failing one
      // is applied and the failure names the event that failed
      for (const event of batch) this.readModels.apply([event]);
    }
    const position = this.readModels.checkpoint();
    this.waiters = this.waiters.filter((w) => (w.position <= position ? (w.resolve(), false) : true));
  }

  /** A method, not an inline check: the failure can be set while `reached` awaits, which narrowing would not see. */
  private throwIfStopped(): void {
    if (this.failure) throw new ProjectionLagError(`projections stopped: ${this.failure.toString()}`);
  }

  private fail(error: unknown): void {
    // anything thrown is kept as an Error, so the lag error below can name it
    this.failure = error instanceof Error ? error : new Error(`a non-Error was thrown: ${JSON.stringify(error)}`);
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Resolves once every event in the log when called has been applied. */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    return this.reached(await this.head(), timeoutMs);
  }

  /**
   * Resolves once the read models have applied the log up to `target` (a global position). Stopped and asked to
   * (`catchUpWhenStopped`), it applies the log up to there itself, now: each file skips what it holds already,
   * inside its own transaction, so a projector elsewhere on the same files does no harm.
   */
  async reached(target: number, timeoutMs = 10_000): Promise<void> {
    this.throwIfStopped();
    if (this.readModels.checkpoint() >= target) return;
    if (!this.subscription && this.options.catchUpWhenStopped) return this.catchUpTo(target);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ProjectionLagError(
              `projections are behind the log (at ${this.readModels.checkpoint()}, log at ${target})`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        position: target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
    this.throwIfStopped();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.applyPending(); // what was delivered before the stop is applied, not dropped
  }

  private async catchUpTo(target: number): Promise<void> {
    const read = this.store.readAll({ after: this.readModels.resumePosition(), batchSize: CATCH_UP_BATCH });
    await foldInto((batch) => this.readModels.apply(batch), read, target, CATCH_UP_BATCH);
  }
}

/** Events applied per transaction when catching up in place. */
const CATCH_UP_BATCH = 500;

/** Events folded per transaction in a rebuild, by default: small batches keep few events alive at a time (less for the garbage collector to copy); 500 measured best. */
export const REBUILD_BATCH = 500;

/** What a rebuild is doing, for a progress display: the fold reports its own progress; the other phases do not. */
export type RebuildPhase = 'facts from the log' | 'fold' | 'indexes, flow parts, digests';

export interface RebuildOptions {
  batchSize?: number;
  /** After each batch the fold applies: events folded so far and the position reached. */
  onProgress?: (events: number, position: number) => void;
  onPhase?: (phase: RebuildPhase) => void;
}

/**
 * Drops every read model and folds the whole log again from position zero, up to the head when it started,
 * into new files that replace the old ones at the end: an interrupted rebuild leaves the old read models as they
 * were. On the embedded store SQLite makes the provenance file and the row facts straight from the log file, and
 * the fold reads only the events of the other types with figure facts. Run compiled, the work is shared with a
 * worker thread (two cores' worth): it makes the provenance file while this thread makes the figures; then it
 * derives flow_parts from the facts they need (copied into a file of its own) while this thread makes the rest,
 * and digests the provenance file while this thread copies the parts in, indexes and digests them. Otherwise both
 * files in turn on this thread. Returns the events folded and the digest of the result.
 */
export async function rebuildReadModels(
  store: EventStore,
  readModels: ReadModelStore,
  options: RebuildOptions = {},
): Promise<{ events: number; digest: string }> {
  const batchSize = options.batchSize ?? REBUILD_BATCH;
  const upTo = await store.headPosition();
  if (readModels.file === ':memory:') {
    readModels.reset();
    const events = await foldInto(
      (batch) => readModels.apply(batch),
      store.readAll({ batchSize }),
      upTo,
      batchSize,
      options.onProgress,
    );
    return { events, digest: readModels.digest() };
  }
  const targets = readModels.rebuildTargets();
  const staging = `${targets.figures}.flow-parts`;
  const ledgerFile = store instanceof SqliteEventStore ? store.file : null;
  const worker = ledgerFile ? rebuildWorker(ledgerFile, targets.provenance, upTo) : null;
  const bulk = new BulkLoad(worker ? { figures: targets.figures } : targets);
  const phase = (name: RebuildPhase) => options.onPhase?.(name);
  let events: number;
  let digests: TableDigests;
  try {
    // what flow_parts are derived from first, so that the worker can derive them while the rest is made
    const sources: readonly ReadModelTable[] = DerivedReadModels.SOURCES;
    let provenanceEvents: number | null = null;
    if (ledgerFile) {
      phase('facts from the log');
      bulk.loadRowFactsFromSqliteLog(
        ledgerFile,
        upTo,
        ROW_FACT_TABLES.filter((t) => sources.includes(t)),
      );
      // complete now (only row facts fill them), and indexed by buildDerived: the fold below may not add to them (BulkLoad refuses)
      bulk.buildDerived(['validated_benefits']);
      if (worker) {
        bulk.exportFlowPartInputs(staging);
        worker.deriveFlowParts({ staging });
      }
      bulk.loadRowFactsFromSqliteLog(
        ledgerFile,
        upTo,
        ROW_FACT_TABLES.filter((t) => !sources.includes(t)),
      );
      if (!worker) provenanceEvents = bulk.loadProvenanceFromSqliteLog(ledgerFile, upTo);
    }
    // from an embedded log the fold reads only the events of types with figure facts that SQLite does not make
    phase('fold');
    const read = store.readAll({
      batchSize,
      ...(ledgerFile ? { excludeTypes: [...FACT_FREE_TYPES, ...ROW_FACT_TYPES] } : {}),
    });
    const folded = await foldInto((batch) => bulk.apply(batch), read, upTo, batchSize, options.onProgress);
    events = provenanceEvents ?? folded; // with a worker, its count (below)
    phase('indexes, flow parts, digests');
    if (!ledgerFile) bulk.buildDerived(['validated_benefits']);
    bulk.indexEventTables(upTo);
    if (worker) {
      digests = bulk.digests(tablesIn('figures').filter((table) => table !== 'flow_parts'));
      await worker.staged;
      bulk.copyFlowPartsFrom(staging);
      digests = { ...digests, ...bulk.digests(['flow_parts']) };
      bulk.close();
      const theirs = await worker.done;
      events = theirs.events;
      digests = { ...digests, ...theirs.digests };
    } else {
      bulk.buildDerived(['flow_parts']);
      digests = bulk.digests();
      bulk.close();
    }
  } catch (error) {
    bulk.abandon();
    await worker?.stop();
    for (const file of Object.values(targets)) rmSync(file, { force: true });
    throw error;
  } finally {
    rmSync(staging, { force: true });
  }
  readModels.replaceWith(targets);
  return { events, digest: combineDigest({ figures: upTo, provenance: upTo }, digests) };
}

/** Applies the log up to `upTo` in batches; returns how many events were applied. */
async function foldInto(
  apply: (batch: RecordedEvent[]) => void,
  read: AsyncIterable<RecordedEvent>,
  upTo: number,
  batchSize: number,
  onProgress?: (events: number, position: number) => void,
): Promise<number> {
  let batch: RecordedEvent[] = [];
  let events = 0;
  const flush = () => {
    apply(batch);
    events += batch.length;
    onProgress?.(events, batch[batch.length - 1].position);
    batch = [];
  };
  for await (const event of read) {
    if (event.position > upTo) break;
    batch.push(event);
    if (batch.length >= batchSize) flush();
  }
  if (batch.length) flush();
  return events;
}

/** The compiled worker of a rebuild (absent when running from TypeScript sources, e.g. under jest). */
const WORKER_FILE = join(__dirname, 'rebuild', 'provenance-rebuild.worker.js');

function rebuildWorker(ledgerFile: string, target: string, upTo: number) {
  if (!existsSync(WORKER_FILE)) return null;
  // A small young generation: the thread's garbage (strings of a million digest lines, staged parts) is collected
  // early instead of growing its heap; measured: peak RSS of a million-event rebuild 300 MB -> 257 MB, no slower.
  const worker = new Worker(WORKER_FILE, {
    workerData: { ledgerFile, target, upTo } satisfies ProvenanceJob,
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  let markStaged!: () => void;
  const stagedReport = new Promise<void>((resolve) => {
    markStaged = resolve;
  });
  const done = new Promise<ProvenanceResult>((resolve, reject) => {
    worker.on('message', (report: WorkerReport) => {
      if ('staged' in report) markStaged();
      else if ('result' in report) resolve(report.result);
      else reject(new Error(report.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the rebuild's worker thread stopped (exit ${code})`)));
  });
  // a failure before the parts are staged must not leave the caller waiting for them
  const staged = Promise.race([
    stagedReport,
    done.then(() => {
      throw new Error("the rebuild's worker thread finished without staging flow_parts");
    }),
  ]);
  for (const promise of [done, staged]) promise.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return {
    done,
    staged,
    deriveFlowParts: (job: FlowPartsJob) => worker.postMessage(job),
    stop: () => worker.terminate().then(() => undefined),
  };
}
