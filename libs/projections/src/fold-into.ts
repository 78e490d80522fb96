import { RecordedEvent } from '@benefit-ledger/event-store';

/** Applies the log up to `upTo` in batches; returns how many events were applied. */
export async function foldInto(
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
