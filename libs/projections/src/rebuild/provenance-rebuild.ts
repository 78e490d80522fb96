import { TableDigests } from '../digests';
import { BulkLoad } from './bulk-load';
import { DerivedApart, stageDerivedApart } from './derived-apart';

/** What the worker thread of a rebuild is asked to do first. */
export interface ProvenanceJob {
  ledgerFile: string;
  target: string;
  upTo: number;
}
/** Its second task, once the main thread has put what flow_parts and benefit_realisations are derived from in a file (BulkLoad.exportDerivationInputs). */
export interface FlowPartsJob {
  staging: string;
}
/** Where the worker gets that task: `poll` takes it if it has arrived, without waiting; `next` waits for it. */
export interface FlowPartsJobs {
  poll(): FlowPartsJob | undefined;
  next(): Promise<FlowPartsJob>;
}
/** What it reports: each derived table staged (the main thread may copy it in), then its result (provenance), or a failure. */
export type WorkerReport = { staged: DerivedApart } | { result: ProvenanceResult } | { error: string };
export interface ProvenanceResult {
  events: number;
  digests: TableDigests;
}

/**
 * Runs on the worker thread of a rebuild (provenance-rebuild.worker.ts) while the main thread folds the figures:
 * builds the new provenance file straight from the embedded SQLite log and digests it. The flow-parts task
 * (derive flow_parts in the staging file the main thread put their inputs in, for it to copy in)
 * holds up the main thread, so it is taken up as soon as it arrives: after the provenance file's one long
 * statement, or between slices of its digest, which then carries on.
 */
export async function rebuildProvenance(
  job: ProvenanceJob,
  flowParts: FlowPartsJobs,
  staged: (table: DerivedApart) => void,
): Promise<ProvenanceResult> {
  // an object, not a `let`: the closures below set it, which narrowing of a local would not see
  const flowPartsTask = { derived: false };
  const deriveFlowParts = ({ staging }: FlowPartsJob) => {
    stageDerivedApart(staging, staged);
    flowPartsTask.derived = true;
  };
  const takeUpFlowParts = () => {
    const arrived = flowPartsTask.derived ? undefined : flowParts.poll();
    if (arrived) deriveFlowParts(arrived);
  };
  const bulk = new BulkLoad({ provenance: job.target });
  let events: number;
  let digests: TableDigests;
  try {
    events = bulk.loadProvenanceFromSqliteLog(job.ledgerFile, job.upTo);
    takeUpFlowParts(); // it may have arrived during that one long statement
    bulk.indexEventTables(job.upTo);
    bulk.startSyncing(); // the file is written: its writeback overlaps the digests
    digests = bulk.digests(undefined, takeUpFlowParts);
    bulk.close();
  } catch (error) {
    bulk.abandon();
    throw error;
  }
  if (!flowPartsTask.derived) deriveFlowParts(await flowParts.next());
  return { events, digests };
}
