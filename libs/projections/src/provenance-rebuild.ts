import { BulkLoad, TableDigests, digestsOf } from './read-model-store';
import { ReadModelTable } from './read-model-schema';

/** What the provenance worker of a rebuild is asked to do, and what it answers. */
export interface ProvenanceJob { ledgerFile: string; target: string; upTo: number }
export interface ProvenanceResult { events: number; digests: TableDigests }
/** Its second task, once the figures' file is finished: digest some of its tables while the main thread digests the rest. */
export interface FiguresShare { figures: string; tables: ReadModelTable[] }

/**
 * Runs on the worker thread of a rebuild (provenance-rebuild.worker.ts) while the main thread builds the figures:
 * builds the new provenance file straight from the embedded SQLite log and digests it; then, once `figures` is
 * handed over, digests its share of the figures' tables.
 */
export async function rebuildProvenance(job: ProvenanceJob, figures: Promise<FiguresShare>): Promise<ProvenanceResult> {
  const bulk = new BulkLoad({ provenance: job.target });
  let digests: TableDigests;
  try {
    const events = bulk.loadProvenanceFromSqliteLog(job.ledgerFile, job.upTo);
    bulk.indexEventTables(job.upTo);
    digests = bulk.digests();
    bulk.close();
    const share = await figures;
    return { events, digests: { ...digests, ...digestsOf(share.figures, share.tables) } };
  } catch (error) {
    bulk.abandon();
    throw error;
  }
}
