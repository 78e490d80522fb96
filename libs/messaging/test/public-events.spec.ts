import { RecordedEvent } from '@benefit-ledger/event-store';
import { EVENT_HEADERS, PUBLIC_EVENTS_V1, publicEventMessage, toPublicEvent } from '../src';
import { TempLedger, readLog, tempLedger } from '@benefit-ledger/testing';
import { PRIVATE, writeSampleLedger } from './support/sample-ledger';

/** The public contract v1 over a real log holding one event of every published type (real SQLite, temp dir). */
describe('public contract v1: benefit-ledger.events.v1', () => {
  let ledger: TempLedger;
  let log: RecordedEvent[];

  beforeAll(async () => {
    ledger = tempLedger();
    await writeSampleLedger(ledger.writer);
    log = await readLog(ledger.store);
  });
  afterAll(() => ledger.close());

  it('the sample holds every event type of the contract, so what follows covers them all', () => {
    expect(new Set(log.map((e) => e.type))).toEqual(new Set(Object.keys(PUBLIC_EVENTS_V1)));
  });

  it('classifies every field of every event: published, published in part, or withheld — nothing unclassified', () => {
    for (const event of log) {
      const entry = PUBLIC_EVENTS_V1[event.type as keyof typeof PUBLIC_EVENTS_V1] as {
        publish: readonly string[];
        partly?: object;
        withhold?: object;
      };
      const classified = [
        ...entry.publish,
        ...Object.keys(entry.partly ?? {}),
        ...Object.keys(entry.withhold ?? {}),
      ].sort();
      // an optional field (e.g. a claim's profile) is absent from some events: every field present is classified...
      expect({
        type: event.type,
        unclassified: Object.keys(event.data).filter((f) => !classified.includes(f)),
      }).toEqual({ type: event.type, unclassified: [] });
    }
    // ...and every classified field occurs in the sample, so none is classified for nothing
    for (const [type, entry] of Object.entries(PUBLIC_EVENTS_V1) as [
      string,
      { publish: readonly string[]; partly?: object; withhold?: object },
    ][]) {
      const seen = new Set(log.filter((e) => e.type === type).flatMap((e) => Object.keys(e.data)));
      const classified = [...entry.publish, ...Object.keys(entry.partly ?? {}), ...Object.keys(entry.withhold ?? {})];
      expect({ type, neverSeen: classified.filter((f) => !seen.has(f)) }).toEqual({ type, neverSeen: [] });
    }
  });

  it("never lets out an actor's personal identifier or any free text", () => {
    const userIds = new Set(log.map((e) => e.metadata.actor.userId));
    expect(userIds.size).toBeGreaterThan(3);
    for (const event of log) {
      const message = publicEventMessage(event)!;
      const everything = `${message.value} ${JSON.stringify(message.headers)} ${message.key}`;
      expect(everything).not.toContain(PRIVATE);
      for (const userId of userIds) expect(everything).not.toContain(userId);
      expect(JSON.parse(message.value).actor).toEqual({
        organisationId: event.metadata.actor.organisationId,
        role: event.metadata.actor.role,
      });
    }
    // the sample really did hold private text, so the check above had something to find
    expect(JSON.stringify(log)).toContain(PRIVATE);
  });

  it('keeps where reinvested capacity went, not what it was spent on', () => {
    const reinvested = log.find((e) => e.type === 'CapacityReinvested')!;
    expect(toPublicEvent(reinvested)!.data).toEqual({
      releaseId: 'r1',
      quantity: 6,
      valuePence: 3_000_00,
      into: { organisationId: 'community-1' },
      source: { system: 'PAS', reference: 'act-1' },
    });
  });

  it('publishes the figures as recorded', () => {
    const validated = log.find((e) => e.type === 'BenefitValidated')!;
    expect(toPublicEvent(validated)!.data).toEqual({
      benefitId: 'b1',
      validatedValuePence: 100_000_00,
      validatedQuantity: 10,
      source: { system: 'ledger', reference: 'v-1' },
    });
    const claimed = log.find((e) => e.type === 'BenefitClaimed')!;
    const { description: _d, ...rest } = claimed.data;
    expect(toPublicEvent(claimed)!.data).toEqual(rest);
  });

  it('keys each message by stream id and carries event id, type, schema version, correlation, causation and hash in headers', () => {
    const event = log[5];
    const message = publicEventMessage(event)!;
    expect(message.key).toBe(event.streamId);
    expect(message.headers).toEqual({
      [EVENT_HEADERS.eventId]: event.eventId,
      [EVENT_HEADERS.eventType]: event.type,
      [EVENT_HEADERS.schemaVersion]: '1',
      [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
      [EVENT_HEADERS.causationId]: event.metadata.causationId,
      [EVENT_HEADERS.hash]: event.metadata.hash,
      [EVENT_HEADERS.contract]: 'benefit-ledger.events',
      [EVENT_HEADERS.contractVersion]: '1',
      [EVENT_HEADERS.contentType]: 'application/json',
    });
    expect(JSON.parse(message.value)).toMatchObject({
      contract: 'benefit-ledger.events',
      contractVersion: 1,
      eventId: event.eventId,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      recordedAt: event.metadata.recordedAt,
      hash: event.metadata.hash,
    });
  });

  it('does not publish an event type the contract does not name, not even an envelope', () => {
    const other: RecordedEvent = { ...log[0], type: 'WasteReductionReported', data: { totalPence: 1 } };
    expect(toPublicEvent(other)).toBeNull();
    expect(publicEventMessage(other)).toBeNull();
  });
});
