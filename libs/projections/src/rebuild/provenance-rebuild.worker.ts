import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { FlowPartsJob, FlowPartsJobs, ProvenanceJob, WorkerReport, rebuildProvenance } from './provenance-rebuild';
import { present } from '../required';

/** Worker thread entry of a rebuild (see rebuildReadModels): reports `staged`, then its result or a failure. */
const port = present(parentPort, 'the parent port (this file runs only as a worker thread)');
const report = (message: WorkerReport) => port.postMessage(message);
const flowParts: FlowPartsJobs = {
  poll: () => receiveMessageOnPort(port)?.message as FlowPartsJob | undefined,
  next: () => new Promise((resolve) => port.once('message', (job: FlowPartsJob) => resolve(job))),
};
rebuildProvenance(workerData as ProvenanceJob, flowParts, (table) => report({ staged: table })).then(
  (result) => report({ result }),
  (error: unknown) => report({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
