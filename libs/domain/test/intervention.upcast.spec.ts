import {
  EVENT_SCHEMA_VERSIONS,
  InterventionEvent,
  fold,
  interventionDecider,
  schemaVersionOf,
  sourceNoteOf,
  upcastInterventionEvent,
} from '../src';
import {
  asRecordedBeforeSources,
  cashReleased,
  claimed,
  costRecorded,
  harvested,
  registered,
  reinvested,
  released,
  validated,
} from './intervention.fixtures';

describe('events written before sources were required (schema version 1), read through the upcast', () => {
  const current: InterventionEvent[] = [
    validated('bed-days', 3_000_000, 100),
    released(),
    harvested('cash-release', 10),
    cashReleased(300_000),
    reinvested(1),
  ];

  it.each(current.map((e) => [e.type, e] as const))(
    'reads a %s without a source as "not recorded" (null), leaving the stored event as it was',
    (_type, event) => {
      const old = asRecordedBeforeSources(event);
      const frozen = JSON.stringify(old);
      expect(upcastInterventionEvent(old).data).toEqual({ ...old.data, source: null });
      expect(JSON.stringify(old)).toBe(frozen);
    },
  );

  it('returns an event already in the current shape as it is', () => {
    for (const event of [...current, claimed(), costRecorded(), registered()])
      expect(upcastInterventionEvent(event)).toBe(event);
  });

  it('folds a whole stream of old events into the same state as the same stream written today', () => {
    const today = [
      registered(),
      claimed(),
      validated('bed-days', 3_000_000, 100),
      released(),
      harvested('cash-release', 10),
      cashReleased(300_000),
    ];
    // an old validation carried no quantity either: read as the quantity claimed (100)
    const before = [
      registered(),
      claimed(),
      validated('bed-days', 3_000_000),
      ...today.slice(3).map(asRecordedBeforeSources),
    ];
    expect(fold(interventionDecider, before)).toEqual(fold(interventionDecider, today));
  });

  it('names the version each kind of event is written at, and which kinds take a source', () => {
    expect(EVENT_SCHEMA_VERSIONS).toMatchObject({
      BenefitValidated: 2,
      CapacityReleased: 2,
      CapacityHarvested: 2,
      CashReleased: 2,
      CapacityReinvested: 2,
    });
    expect(schemaVersionOf('BenefitClaimed')).toBe(2);
    expect(schemaVersionOf('BenefitRevised')).toBe(2);
    expect(schemaVersionOf('CostRecorded')).toBe(1);
    expect(sourceNoteOf('BenefitValidated', false)).toBe('source not recorded');
    expect(sourceNoteOf('BenefitValidated', true)).toBeNull();
    expect(sourceNoteOf('InterventionRegistered', false)).toBe('this kind of event records no source');
  });
});
