import { InterventionEvent, STREAM_KINDS, STREAM_PREFIXES } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { FACT_FREE_TYPES, FIGURE_FACTS, FactDecisions, ROW_FACT_TYPES, figureFactsOf } from '../src';

/** A recorded event as the log hands it over, on any stream. */
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    position: 7,
    eventId: 'e-7',
    streamId,
    revision: 0,
    type,
    data,
    metadata: {
      recordedAt: '2024-01-01T00:00:00.000Z',
      actor: { userId: 'u', organisationId: 'o', role: 'finance' },
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
      eventId: 'e-7',
      prevHash: '0'.repeat(64),
      hash: 'h',
    },
  };
}

const decisionsOf = (kind: (typeof STREAM_KINDS)[number]) =>
  Object.entries(FIGURE_FACTS[kind] as Readonly<Record<string, unknown>>);

describe('the figures’ fact registry (one decision per event type of each kind of stream)', () => {
  it('declares every kind of stream', () => {
    expect(Object.keys(FIGURE_FACTS).sort()).toEqual([...STREAM_KINDS].sort());
  });

  it('derives the fact-free types from the decisions: none adds facts on any kind of stream', () => {
    expect(FACT_FREE_TYPES).toEqual(
      expect.arrayContaining([
        'MeasurementRecorded',
        'BenefitActualRecorded',
        'UnitCostPublished',
        'IdempotentResponseRecorded',
      ]),
    );
    for (const kind of STREAM_KINDS)
      for (const [type, decision] of decisionsOf(kind))
        if (decision !== 'none')
          expect({ kind, type, factFree: FACT_FREE_TYPES.includes(type) }).toEqual({ kind, type, factFree: false });
  });

  it('makes the row facts of the types declared as rows, all of intervention streams', () => {
    const rows = decisionsOf('intervention')
      .filter(([, d]) => typeof d === 'object')
      .map(([type]) => type);
    expect(ROW_FACT_TYPES).toEqual(rows);
    expect(ROW_FACT_TYPES).toEqual(expect.arrayContaining(['BenefitClaimed', 'CostRecorded', 'BenefitValidated']));
    expect(ROW_FACT_TYPES).not.toContain('RestatementRecorded');
  });

  it('routes by the stream id’s prefix: the same event on a stream that is not the domain’s adds nothing', () => {
    const data = { organisationId: 'acute-a', name: 'Acute', type: 'acute-trust', system: null };
    expect(figureFactsOf(recorded(`${STREAM_PREFIXES.organisation}acute-a`, 'OrganisationRegistered', data))).toEqual([
      {
        table: 'organisations',
        row: {
          organisation_id: 'acute-a',
          name: 'Acute',
          type: 'acute-trust',
          system: null,
          position: 7,
          recorded_at: '2024-01-01T00:00:00.000Z',
        },
      },
    ]);
    expect(figureFactsOf(recorded('idempotency-acute-a', 'OrganisationRegistered', data))).toEqual([]);
    // a type its stream's union does not have (a foreign writer) adds nothing either
    expect(figureFactsOf(recorded(`${STREAM_PREFIXES.organisation}acute-a`, 'BenefitClaimed', data))).toEqual([]);
  });

  it('records a restatement on each kind of stream whose union has it, and a bad finance-report id as unfolded', () => {
    const restated = {
      financialYear: '2019/20',
      reason: 'late invoice',
      closes: [],
      organisationIds: ['acute-a'],
      changes: [],
    };
    for (const streamId of ['partnership-p-1', 'intervention-i-1', 'finance-report-acute-a-2019-20'])
      expect(figureFactsOf(recorded(streamId, 'RestatementRecorded', restated)).map((f) => f.table)).toEqual([
        'restatements',
      ]);
    const [fact] = figureFactsOf(recorded('finance-report-no-year', 'RestatementRecorded', restated));
    expect(fact.table).toBe('unfolded_events');
    expect(String(fact.row.reason)).toContain('does not end in a financial year');
  });

  it('does not compile a stream’s declaration that leaves out one of its event types', () => {
    // @ts-expect-error every type of InterventionEvent needs its decision (a row, a function or 'none')
    const missing: FactDecisions<InterventionEvent> = { InterventionRegistered: 'none' };
    expect(Object.keys(missing)).toHaveLength(1);
  });
});
