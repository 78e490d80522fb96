import { createHash, randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { INTERNAL_STREAM_PREFIX } from '@benefit-ledger/event-store';
import {
  CheckpointConflictError,
  ConsumedRecord,
  MessagingState,
  NO_CHECKPOINT,
  RelayCheckpoint,
  StoredRelayCheckpoint,
} from '../ports/messaging-state.port';

/** The relay checkpoint: one event per save, the newest is the checkpoint; the server keeps the last few. */
const relayCheckpointStream = (namespace = '') => `${INTERNAL_STREAM_PREFIX}${namespace}relay-checkpoint`;
const CHECKPOINTS_KEPT = 10;

/** One stream per consumed message: appending to a stream that must not exist yet is an atomic "first time?". */
const consumedStream = (topic: string, messageId: string, namespace = '') =>
  `${INTERNAL_STREAM_PREFIX}${namespace}consumed-${createHash('sha256').update(`${topic}\n${messageId}`, 'utf8').digest('hex')}`;

interface CheckpointData {
  position: number;
  statements: Record<string, string>;
  savedAt: string;
}

/**
 * The messaging state of the EventStoreDB / KurrentDB topology, in the same database as the log (streams under
 * INTERNAL_STREAM_PREFIX, which the event-store adapter never returns as ledger events). Every process that can
 * reach the log can reach it, so the relay and the consumer keep nothing on their own disks, and backing up
 * the database backs it up. The checkpoint's compare-and-set is the stream's expected revision.
 */
export class EventStoreDbMessagingState implements MessagingState {
  private readonly checkpointStream: string;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly namespace: string,
  ) {
    this.checkpointStream = relayCheckpointStream(namespace);
  }

  /** `namespace` keeps a test run's state apart from the deployment's in the same database. */
  static connect(connectionString: string, namespace = ''): EventStoreDbMessagingState {
    return new EventStoreDbMessagingState(EventStoreDBClient.connectionString(connectionString), namespace);
  }

  async relayCheckpoint(): Promise<StoredRelayCheckpoint> {
    const last = await this.lastEvent(this.checkpointStream);
    if (!last) return NO_CHECKPOINT;
    const data = last.data as unknown as CheckpointData;
    return { revision: last.revision, position: data.position, statements: data.statements };
  }

  async saveRelayCheckpoint(checkpoint: RelayCheckpoint, expectedRevision: number): Promise<number> {
    const data: CheckpointData = {
      position: checkpoint.position,
      statements: checkpoint.statements,
      savedAt: new Date().toISOString(),
    };
    try {
      const result = await this.client.appendToStream(
        this.checkpointStream,
        jsonEvent({ id: randomUUID(), type: 'RelayCheckpointSaved', data: { ...data } }),
        {
          expectedRevision: expectedRevision < 0 ? NO_STREAM : BigInt(expectedRevision),
        },
      );
      // Only the newest checkpoint matters; keeping a few is for inspection. Best effort: an unbounded stream of
      // small events is harmless, and failing the save after it was written would only cost a retry.
      if (expectedRevision < 0)
        await this.client
          .setStreamMetadata(this.checkpointStream, { maxCount: CHECKPOINTS_KEPT })
          .catch(() => undefined);
      return Number(result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new CheckpointConflictError(expectedRevision, actual);
      }
      throw error;
    }
  }

  async consumed(topic: string, messageId: string): Promise<ConsumedRecord | null> {
    const last = await this.lastEvent(consumedStream(topic, messageId, this.namespace));
    return last ? (last.data as unknown as ConsumedRecord) : null;
  }

  async rememberConsumed(record: ConsumedRecord): Promise<void> {
    try {
      await this.client.appendToStream(
        consumedStream(record.topic, record.messageId, this.namespace),
        jsonEvent({ id: randomUUID(), type: 'MessageConsumed', data: { ...record } }),
        { expectedRevision: NO_STREAM },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error; // remembered before: the first record stands
    }
  }

  private async lastEvent(stream: string): Promise<{ revision: number; data: Record<string, unknown> } | null> {
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const event = resolved.event;
        if (event && event.isJson)
          return { revision: Number(event.revision), data: event.data as Record<string, unknown> };
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
