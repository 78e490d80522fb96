import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ActorMetadata,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  SqliteEventStore,
} from '@benefit-ledger/event-store';
import {
  AttributionAgreementSet,
  BenefitClaimed,
  BenefitRejected,
  BenefitRevised,
  BenefitValidated,
  CostRecorded,
  InterventionDecisionRecorded,
  InterventionEnrolled,
  InterventionRegistered,
  MeasurementRecorded,
  OrganisationRegistered,
  PartnershipCostRecorded,
  PartnershipFormed,
} from '@benefit-ledger/domain';
import { ReadModelStore } from '../../src';

type DataOf<E> = E extends { data: infer D } ? D : never;

export const organisationStream = (id: string) => `organisation-${id}`;
export const interventionStream = (id: string) => `intervention-${id}`;
export const partnershipStream = (id: string) => `partnership-${id}`;

/** The ICB every system in these tests belongs to; its admin registers the organisations. */
export const SYSTEM_ICB = 'icb-west';

/**
 * Appends domain-shaped events through the store port, as the application would: one append per command,
 * with the stream's expected revision, a fresh correlation/causation id per command, schemaVersion 1 and an
 * actor who could have made the change. `recordedAt` comes from a controllable clock: it starts at `startAt`
 * and moves on `stepMs` after every event; `setClock` puts it at an exact instant (for as-at tests).
 */
export class LedgerWriter {
  private clockMs: number;
  private readonly stepMs: number;
  private readonly revisions = new Map<string, number>();
  private readonly leads = new Map<string, string>();
  /** Everything appended, in order, with the position the store gave it. */
  readonly appended: { streamId: string; type: string; eventId: string; recordedAt: string; position: number }[] = [];

  constructor(
    readonly store: EventStore,
    options: { startAt?: string; stepMs?: number } = {},
  ) {
    this.clockMs = Date.parse(options.startAt ?? '2024-04-01T09:00:00.000Z');
    this.stepMs = options.stepMs ?? 1000;
  }

  /** The instant the next event will be recorded at. */
  get now(): string {
    return new Date(this.clockMs).toISOString();
  }

  setClock(instant: string): this {
    this.clockMs = Date.parse(instant);
    return this;
  }

  /**
   * Appends one event to a stream at the clock's instant. `expected` defaults to the revision this writer last
   * saw for the stream (or no stream); pass 'any' to append regardless (e.g. an event the decider would refuse).
   */
  async append(
    streamId: string,
    type: string,
    data: object,
    actor: ActorMetadata,
    expected?: ExpectedRevision,
  ): Promise<AppendResult> {
    const command = randomUUID();
    const recordedAt = this.now;
    const event: EventToAppend = {
      eventId: randomUUID(),
      type,
      data: data as Record<string, unknown>,
      metadata: {
        recordedAt,
        actor,
        correlationId: `corr-${command}`,
        causationId: `cmd-${command}`,
        schemaVersion: 1,
      },
    };
    const seen = this.revisions.get(streamId);
    const result = await this.store.append(streamId, [event], expected ?? (seen === undefined ? 'no_stream' : seen));
    this.revisions.set(streamId, result.nextRevision);
    this.appended.push({ streamId, type, eventId: event.eventId, recordedAt, position: result.position });
    this.clockMs += this.stepMs;
    return result;
  }

  private contributor(interventionId: string): ActorMetadata {
    return {
      userId: `contributor@${this.leads.get(interventionId) ?? SYSTEM_ICB}`,
      organisationId: this.leads.get(interventionId) ?? SYSTEM_ICB,
      role: 'contributor',
    };
  }

  private finance(organisationId: string): ActorMetadata {
    return { userId: `finance@${organisationId}`, organisationId, role: 'finance' };
  }

  organisation(organisationId: string, over: Partial<DataOf<OrganisationRegistered>> = {}) {
    const data: DataOf<OrganisationRegistered> = {
      organisationId,
      name: `Organisation ${organisationId}`,
      type: 'acute-trust',
      system: SYSTEM_ICB,
      ...over,
    };
    return this.append(organisationStream(organisationId), 'OrganisationRegistered', data, {
      userId: `admin@${SYSTEM_ICB}`,
      organisationId: SYSTEM_ICB,
      role: 'admin',
    });
  }

  intervention(interventionId: string, leadOrganisationId: string, over: Partial<DataOf<InterventionRegistered>> = {}) {
    this.leads.set(interventionId, leadOrganisationId);
    const data: DataOf<InterventionRegistered> = {
      interventionId,
      title: `Intervention ${interventionId}`,
      leadOrganisationId,
      pathway: 'urgent care',
      method: 'PDSA',
      lenses: { economic: true, social: true, strategic: false },
      strategicPriorities: ['flow'],
      ...over,
    };
    return this.append(
      interventionStream(interventionId),
      'InterventionRegistered',
      data,
      this.contributor(interventionId),
    );
  }

  decision(interventionId: string, decision: DataOf<InterventionDecisionRecorded>['decision']) {
    const data: DataOf<InterventionDecisionRecorded> = {
      decision,
      rationale: 'programme board',
      decidedOn: this.now.slice(0, 10),
    };
    return this.append(interventionStream(interventionId), 'InterventionDecisionRecorded', data, {
      ...this.contributor(interventionId),
      role: 'admin',
    });
  }

  measurement(interventionId: string, measurementId: string) {
    const data: DataOf<MeasurementRecorded> = {
      measurementId,
      measure: 'length of stay',
      unit: 'days',
      kind: 'baseline',
      value: 7.5,
      period: { start: '2023-04-01', end: '2024-03-31' },
      source: { system: 'PAS', reference: `extract-${measurementId}` },
    };
    return this.append(
      interventionStream(interventionId),
      'MeasurementRecorded',
      data,
      this.contributor(interventionId),
    );
  }

  cost(
    interventionId: string,
    c: Pick<DataOf<CostRecorded>, 'costId' | 'amountPence' | 'financialYear' | 'bearerOrganisationId'> &
      Partial<DataOf<CostRecorded>>,
  ) {
    const data: DataOf<CostRecorded> = {
      costType: 'direct',
      category: 'improvement team',
      source: { system: 'ledger', reference: `gl-${c.costId}` },
      ...c,
    };
    return this.append(interventionStream(interventionId), 'CostRecorded', data, this.contributor(interventionId));
  }

  claim(
    interventionId: string,
    b: Pick<DataOf<BenefitClaimed>, 'benefitId' | 'valuePence' | 'financialYear' | 'landingOrganisationId'> &
      Partial<DataOf<BenefitClaimed>>,
  ) {
    const data: DataOf<BenefitClaimed> = {
      benefitType: 'capacity',
      lens: 'economic',
      description: 'bed-days released',
      quantity: { value: 1, unit: 'bed-days' },
      valuation: { method: 'actual' },
      recurrence: 'recurrent',
      evidence: [],
      source: { system: 'PAS', reference: `report-${b.benefitId}` },
      ...b,
    };
    return this.append(interventionStream(interventionId), 'BenefitClaimed', data, this.contributor(interventionId));
  }

  revise(interventionId: string, benefitId: string, valuePence: number) {
    const data: DataOf<BenefitRevised> = {
      benefitId,
      quantity: { value: 1, unit: 'bed-days' },
      valuation: { method: 'actual' },
      valuePence,
      reason: 'corrected extract',
      source: { system: 'PAS', reference: `report-${benefitId}-rev` },
    };
    return this.append(interventionStream(interventionId), 'BenefitRevised', data, this.contributor(interventionId));
  }

  validate(interventionId: string, benefitId: string, validatedValuePence: number, financeOrganisationId: string) {
    const data: DataOf<BenefitValidated> = {
      benefitId,
      validatedValuePence,
      note: 'checked against ledger',
      source: { system: 'ledger', reference: `validation-${benefitId}` },
    };
    return this.append(
      interventionStream(interventionId),
      'BenefitValidated',
      data,
      this.finance(financeOrganisationId),
    );
  }

  reject(interventionId: string, benefitId: string, financeOrganisationId: string) {
    const data: DataOf<BenefitRejected> = { benefitId, reason: 'not evidenced' };
    return this.append(
      interventionStream(interventionId),
      'BenefitRejected',
      data,
      this.finance(financeOrganisationId),
    );
  }

  private partnershipLead(partnershipId: string): ActorMetadata {
    const lead = this.leads.get(`partnership:${partnershipId}`) ?? SYSTEM_ICB;
    return { userId: `lead@${lead}`, organisationId: lead, role: 'partnership-lead' };
  }

  partnership(
    partnershipId: string,
    members: DataOf<PartnershipFormed>['members'],
    name = `Partnership ${partnershipId}`,
  ) {
    const lead = members.find((m) => m.role === 'lead')?.organisationId ?? members[0].organisationId;
    this.leads.set(`partnership:${partnershipId}`, lead);
    const data: DataOf<PartnershipFormed> = { partnershipId, name, members };
    return this.append(
      partnershipStream(partnershipId),
      'PartnershipFormed',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  agreement(partnershipId: string, data: DataOf<AttributionAgreementSet>) {
    return this.append(
      partnershipStream(partnershipId),
      'AttributionAgreementSet',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  enrol(partnershipId: string, interventionId: string, attributionBasisPoints: number) {
    const data: DataOf<InterventionEnrolled> = { interventionId, attributionBasisPoints };
    return this.append(
      partnershipStream(partnershipId),
      'InterventionEnrolled',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  partnershipCost(
    partnershipId: string,
    c: Pick<DataOf<PartnershipCostRecorded>, 'costId' | 'amountPence' | 'financialYear' | 'bearerOrganisationId'>,
  ) {
    const data: DataOf<PartnershipCostRecorded> = {
      costType: 'direct',
      category: 'programme office',
      source: { system: 'ledger', reference: `gl-${c.costId}` },
      ...c,
    };
    return this.append(
      partnershipStream(partnershipId),
      'PartnershipCostRecorded',
      data,
      this.partnershipLead(partnershipId),
    );
  }
}

/** Every event in the store's log, in order. */
export async function readLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}

/** A real SQLite event store and a real read-model store, each on its own file in a fresh temporary directory. */
export interface TempLedger {
  dir: string;
  store: SqliteEventStore;
  readModels: ReadModelStore;
  writer: LedgerWriter;
  /** Another read-model store on its own file in the same directory. */
  openReadModels(name: string): ReadModelStore;
  close(): Promise<void>;
}

export function tempLedger(options: { startAt?: string; stepMs?: number } = {}): TempLedger {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
  const store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
  const others: ReadModelStore[] = [];
  return {
    dir,
    store,
    readModels,
    writer: new LedgerWriter(store, options),
    openReadModels: (name) => {
      const rm = new ReadModelStore(join(dir, name));
      others.push(rm);
      return rm;
    },
    close: async () => {
      for (const rm of [readModels, ...others]) rm.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
