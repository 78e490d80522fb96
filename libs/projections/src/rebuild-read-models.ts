import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStore, SqliteEventStore } from '@benefit-ledger/event-store';
import { FACT_FREE_TYPES, ROW_FACT_TABLES, ROW_FACT_TYPES } from './facts';
import { DerivedReadModels } from './flow-parts';
import { REALISATION_INPUTS } from './benefit-realisations';
import { foldInto } from './fold-into';
import { DERIVED_APART, DerivedApart, stagedFileOf } from './rebuild/derived-apart';
import { FlowPartsJob, ProvenanceJob, ProvenanceResult, WorkerReport } from './rebuild/provenance-rebuild';
import { ReadModelTable, tablesIn } from './read-model-schema';
import { BulkLoad, ReadModelStore, TableDigests, combineDigest } from './read-model-store';

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
 * derives flow_parts and benefit_realisations from the facts they need (copied into a file of its own) while this
 * thread makes the rest, and digests the provenance file while this thread copies them in (sorting flow_parts, staged
 * first), indexes and digests them. Each file's writeback to disk starts once most of it is written (startSyncing).
 * Otherwise both files in turn on this thread. Returns the events folded and the digest of the result.
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
  const staging = `${targets.figures}.staging`;
  const ledgerFile = store instanceof SqliteEventStore ? store.file : null;
  const worker = ledgerFile ? rebuildWorker(ledgerFile, targets.provenance, upTo) : null;
  const bulk = new BulkLoad(worker ? { figures: targets.figures } : targets);
  const phase = (name: RebuildPhase) => options.onPhase?.(name);
  let events: number;
  let digests: TableDigests;
  try {
    // what flow_parts and (with a worker) benefit_realisations are derived from first, so that the worker can derive
    // them while the rest is made
    const sources: readonly ReadModelTable[] = [...DerivedReadModels.SOURCES, ...(worker ? REALISATION_INPUTS : [])];
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
        bulk.exportDerivationInputs(staging);
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
    bulk.indexEventTables(upTo, worker !== null);
    if (worker) {
      bulk.startSyncing(); // most of the file is written: its writeback overlaps the digests
      digests = bulk.digests(tablesIn('figures').filter((table) => table !== 'flow_parts'));
      await worker.staged.flow_parts;
      // flow_parts first: copied in and digested while the worker derives benefit_realisations
      bulk.copyDerivedFrom(staging, ['flow_parts']);
      digests = { ...digests, ...bulk.digests(['flow_parts']) };
      await worker.staged.benefit_realisations;
      bulk.copyDerivedFrom(staging, ['benefit_realisations']);
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
    for (const table of DERIVED_APART) rmSync(stagedFileOf(staging, table), { force: true });
  }
  readModels.replaceWith(targets);
  return { events, digest: combineDigest({ figures: upTo, provenance: upTo }, digests) };
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
  // each derived table's report, settled by its `staged` message
  const reports = Object.fromEntries(
    DERIVED_APART.map((table) => {
      let settle!: () => void;
      const report = new Promise<void>((resolve) => (settle = resolve));
      return [table, { report, settle }];
    }),
  ) as Record<DerivedApart, { report: Promise<void>; settle: () => void }>;
  const done = new Promise<ProvenanceResult>((resolve, reject) => {
    worker.on('message', (report: WorkerReport) => {
      if ('staged' in report) reports[report.staged].settle();
      else if ('result' in report) resolve(report.result);
      else reject(new Error(report.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the rebuild's worker thread stopped (exit ${code})`)));
  });
  // a failure before a table is staged must not leave the caller waiting for it
  const staged = Object.fromEntries(
    DERIVED_APART.map((table) => [
      table,
      Promise.race([
        reports[table].report,
        done.then(() => {
          throw new Error(`the rebuild's worker thread finished without staging ${table}`);
        }),
      ]),
    ]),
  ) as Record<DerivedApart, Promise<void>>;
  for (const promise of [done, ...Object.values(staged)]) promise.catch(() => undefined); // observed by the caller; never an unhandled rejection
  return {
    done,
    staged,
    deriveFlowParts: (job: FlowPartsJob) => worker.postMessage(job),
    stop: () => worker.terminate().then(() => undefined),
  };
}
