import { SqliteEventStore } from '@benefit-ledger/event-store';
import { BulkLoad, TableDigests } from './read-model-store';

/** What the provenance worker is asked to do, and what it answers. */
export interface ProvenanceJob { ledgerFile: string; target: string; upTo: number; batchSize: number }
export interface ProvenanceResult { events: number; digests: TableDigests }

/**
 * Builds a new provenance file from the embedded log up to `upTo`, on its own connections: run by the worker
 * thread of a rebuild (provenance-rebuild.worker.ts) while the figures are built on the main thread.
 */
export async function rebuildProvenance(job: ProvenanceJob): Promise<ProvenanceResult> {
  const store = new SqliteEventStore(job.ledgerFile);
  const bulk = new BulkLoad({ provenance: job.target });
  try {
    let events = 0;
    let batch = [];
    for await (const event of store.readAll({ batchSize: job.batchSize })) {
      if (event.position > job.upTo) break;
      batch.push(event);
      if (batch.length >= job.batchSize) {
        bulk.apply(batch);
        events += batch.length;
        batch = [];
      }
    }
    bulk.apply(batch);
    events += batch.length;
    return { events, digests: bulk.finish(job.upTo) };
  } catch (error) {
    bulk.abandon();
    throw error;
  } finally {
    await store.close();
  }
}
