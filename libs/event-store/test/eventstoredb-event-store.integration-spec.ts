import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

// Runs only when EVENTSTORE_CONNECTION_STRING is set (jest.config.js), e.g. esdb://localhost:2113?tls=false
// against `docker compose up kurrentdb`.
describeEventStoreContract('EventStoreDB', () =>
  EventStoreDbEventStore.connect(process.env.EVENTSTORE_CONNECTION_STRING!),
);
