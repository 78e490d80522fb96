import { EventStoreConfig } from '@benefit-ledger/event-store';
import { MessagingState } from '../ports/messaging-state.port';
import { SqliteMessagingState, messagingStateFile } from './sqlite-messaging-state';

/** The messaging state lives where the log lives: EventStoreDB when configured, else a SQLite file in DATA_DIR. */
export async function openMessagingState(config: EventStoreConfig): Promise<MessagingState> {
  if (config.eventStoreConnectionString) {
    const { EventStoreDbMessagingState } = await import('./eventstoredb-messaging-state');
    return EventStoreDbMessagingState.connect(config.eventStoreConnectionString);
  }
  return new SqliteMessagingState(messagingStateFile(config.dataDir));
}
