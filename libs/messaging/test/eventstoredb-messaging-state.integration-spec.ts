import { randomUUID } from 'node:crypto';
import { EventStoreDbMessagingState } from '../src/state/eventstoredb-messaging-state';
import { describeMessagingStateContract } from './messaging-state.contract';

// Runs only when EVENTSTORE_CONNECTION_STRING is set (jest.config.js), e.g. esdb://localhost:2113?tls=false
// against `docker compose up -d`. A namespace of its own keeps the running relay's checkpoint untouched.
describeMessagingStateContract('EventStoreDB', () =>
  Promise.resolve(
    EventStoreDbMessagingState.connect(process.env.EVENTSTORE_CONNECTION_STRING!, `test-${randomUUID().slice(0, 8)}.`),
  ),
);
