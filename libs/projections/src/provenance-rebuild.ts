import { BulkLoad, TableDigests, stageFlowPartsApart } from './read-model-store';

/** What the worker thread of a rebuild is asked to do first. */
export interface ProvenanceJob { ledgerFile: string; target: string; upTo: number }
/** Its second task, once the main thread has the figures' facts and validated_benefits in and shared for reading. */
export interface FlowPartsJob { figures: string; staging: string }
/** Where the worker gets that task: `poll` takes it if it has arrived, without waiting; `next` waits for it. */
export interface FlowPartsJobs { poll(): FlowPartsJob | undefined; next(): Promise<FlowPartsJob> }
/** What it reports: flow_parts staged (the main thread may write the figures file again), then its result, or a failure. */
export type WorkerReport = { staged: true } | { result: ProvenanceResult } | { error: string };
export interface ProvenanceResult { events: number; digests: TableDigests }

/**
 * Runs on the worker thread of a rebuild (provenance-rebuild.worker.ts) while the main thread folds the figures:
 * builds the new provenance file straight from the embedded SQLite log and digests it. The flow-parts task
 * (derive flow_parts into a staging file for the main thread to copy in, and digest them) holds up the main
 * thread, so it is taken up as soon as it arrives, between slices of that digest, which then carries on.
 */
export async function rebuildProvenance(job: ProvenanceJob, flowParts: FlowPartsJobs, staged: () => void): Promise<ProvenanceResult> {
  let flowPartsDigest: string | undefined;
  const deriveFlowParts = ({ figures, staging }: FlowPartsJob) => { flowPartsDigest = stageFlowPartsApart(figures, staging, staged); };
  const takeUpFlowParts = () => {
    const arrived = flowPartsDigest === undefined ? flowParts.poll() : undefined;
    if (arrived) deriveFlowParts(arrived);
  };
  const bulk = new BulkLoad({ provenance: job.target });
  let events: number;
  let digests: TableDigests;
  try {
    events = bulk.loadProvenanceFromSqliteLog(job.ledgerFile, job.upTo);
    bulk.indexEventTables(job.upTo);
    digests = bulk.digests(undefined, takeUpFlowParts);
    bulk.close();
  } catch (error) {
    bulk.abandon();
    throw error;
  }
  if (flowPartsDigest === undefined) deriveFlowParts(await flowParts.next());
  return { events, digests: { ...digests, flow_parts: flowPartsDigest } };
}
