import { parentPort, workerData } from 'node:worker_threads';
import { FiguresShare, ProvenanceJob, rebuildProvenance } from './provenance-rebuild';

/** Worker thread entry: builds the provenance file of a rebuild (see rebuildReadModels) and reports back once. */
const figures = new Promise<FiguresShare>((resolve) => parentPort!.once('message', (share: FiguresShare) => resolve(share)));
rebuildProvenance(workerData as ProvenanceJob, figures).then(
  (result) => parentPort!.postMessage(result),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) }),
);
