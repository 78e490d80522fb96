import { parentPort, workerData } from 'node:worker_threads';
import { ProvenanceJob, rebuildProvenance } from './provenance-rebuild';

/** Worker thread entry: builds the provenance file of a rebuild (see rebuildReadModels) and reports back once. */
rebuildProvenance(workerData as ProvenanceJob).then(
  (result) => parentPort!.postMessage(result),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
);
