import { BenefitRegister, STREAM_KINDS, STREAM_PREFIXES, StreamEvents, StreamKind } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { OutboundMessage } from '../ports/message-producer.port';
import { CONTRACT_HEADERS, contractMessage } from './contract-message';

/**
 * The public contract of `benefit-ledger.events.v1`: which events leave the organisation, and which of their
 * fields. An allow-list: a field is published only if it is named here, so a field added to an event later
 * stays inside until someone decides otherwise. What never leaves: the actor's personal identifier
 * (`actor.userId`, an email), free-text notes, rationales, reasons and descriptions.
 *
 * Every event type of a published kind of stream has an entry: its published fields, or `'internal'` for a type that
 * is not published at all (no envelope either: even the existence and timing of such an event is not shared), so a
 * consumer may see gaps in a stream's `revision`. The entries are typed over the domain's event unions, so a new event
 * type does not compile until it is decided here (and a new kind of stream until STREAM_PUBLICATION says whether its
 * events leave); a published one also needs its row in docs/kafka.md "Public contract v1". Compatible changes — a new
 * event type, a new published field — stay in v1; removing or renaming a field, or changing its meaning, is v2 on a
 * new topic.
 */
export const PUBLIC_EVENTS_CONTRACT = { name: 'benefit-ledger.events', version: 1 } as const;

/** Per kind of stream, whether its events may leave the organisation (each type then decided in PUBLIC_EVENTS_V1). */
const STREAM_PUBLICATION = {
  organisation: 'public',
  intervention: 'public',
  partnership: 'public',
  // closes, finance reports and the unit-cost catalogue stay inside
  period: 'internal',
  financeReport: 'internal',
  unitCost: 'internal',
} as const satisfies Record<StreamKind, 'public' | 'internal'>;

type PublicKind = { [K in StreamKind]: (typeof STREAM_PUBLICATION)[K] extends 'public' ? K : never }[StreamKind];
type KnownEvent = StreamEvents[PublicKind];
type KnownType = KnownEvent['type'];
type DataOf<T extends KnownType> = Extract<KnownEvent, { type: T }>['data'];

/** Why a field is withheld; the reasons are documentation and appear in docs/kafka.md's contract table. */
const FREE_TEXT = 'free text written by a person: may name people or patients';

/** The benefits register leaves without its risks' descriptions (free text): their ratings are public. */
const publicRegister = (register: BenefitRegister | undefined) =>
  register && { ...register, risks: register.risks && register.risks.map((risk) => ({ rating: risk.rating })) };

interface ContractEntry<D> {
  /** Fields published as recorded. */
  publish: readonly (keyof D)[];
  /** Fields published in part: the function keeps the public part. */
  partly?: { [K in keyof D]?: (value: D[K]) => unknown };
  /** Fields that never leave the organisation, each with the reason. */
  withhold?: { [K in keyof D]?: string };
}

/** A type of a published stream that is never published: `'internal'`. */
export type Unpublished = 'internal';

type Contract = { [T in KnownType]: ContractEntry<DataOf<T>> | Unpublished };

/**
 * One entry per event type; every field of a published event is in exactly one of publish, partly or withhold.
 */
export const PUBLIC_EVENTS_V1: Contract = {
  OrganisationRegistered: { publish: ['organisationId', 'name', 'type', 'system'] },

  InterventionRegistered: {
    publish: ['interventionId', 'title', 'leadOrganisationId', 'pathway', 'method', 'lenses', 'strategicPriorities'],
  },
  InterventionDecisionRecorded: { publish: ['decision', 'decidedOn'], withhold: { rationale: FREE_TEXT } },
  CostRecorded: {
    publish: ['costId', 'costType', 'category', 'amountPence', 'financialYear', 'bearerOrganisationId', 'source'],
  },
  MeasurementRecorded: { publish: ['measurementId', 'measure', 'unit', 'kind', 'value', 'period', 'source'] },
  BenefitClaimed: {
    publish: [
      'benefitId',
      'benefitType',
      'lens',
      'quantity',
      'valuation',
      'valuePence',
      'recurrence',
      'financialYear',
      'landingOrganisationId',
      'evidence',
      'source',
      'profile',
    ],
    withhold: { description: FREE_TEXT },
    partly: { register: (register) => publicRegister(register) },
  },
  BenefitRevised: {
    publish: ['benefitId', 'quantity', 'valuation', 'valuePence', 'source', 'profile'],
    withhold: { reason: FREE_TEXT },
    partly: { register: (register) => publicRegister(register) },
  },
  BenefitActualRecorded: { publish: ['benefitId', 'financialYear', 'valuePence', 'quantity', 'source'] },
  BenefitValidated: {
    publish: ['benefitId', 'validatedValuePence', 'validatedQuantity', 'source'],
    withhold: { note: FREE_TEXT },
  },
  BenefitRejected: { publish: ['benefitId'], withhold: { reason: FREE_TEXT } },
  CapacityReleased: {
    publish: ['releaseId', 'benefitId', 'resource', 'quantity', 'landingOrganisationId', 'financialYear', 'source'],
  },
  CapacityHarvested: { publish: ['releaseId', 'harvest', 'quantity', 'source'], withhold: { rationale: FREE_TEXT } },
  CashReleased: { publish: ['releaseId', 'amountPence', 'budgetLine', 'source'] },
  CapacityReinvested: {
    publish: ['releaseId', 'quantity', 'valuePence', 'source'],
    // where the capacity went is public; what it was spent on is a description
    partly: { into: (into) => ({ organisationId: into.organisationId }) },
  },

  PartnershipFormed: { publish: ['partnershipId', 'name', 'members'] },
  MemberJoined: { publish: ['organisationId', 'role'] },
  MemberLeft: { publish: ['organisationId'], withhold: { reason: FREE_TEXT } },
  AttributionAgreementSet: { publish: ['version', 'shares', 'benefitTypes', 'effectiveFrom'] },
  InterventionEnrolled: { publish: ['interventionId', 'attributionBasisPoints'] },
  PartnershipCostRecorded: {
    publish: ['costId', 'costType', 'category', 'amountPence', 'financialYear', 'bearerOrganisationId', 'source'],
  },

  // on an intervention or partnership stream, just before the change to a closed year it explains
  RestatementRecorded: {
    publish: ['financialYear', 'closes', 'organisationIds', 'changes'],
    withhold: { reason: FREE_TEXT },
  },
};

/** Streams whose events the contract covers; the relay subscribes to these only (a server-side filter on EventStoreDB). */
export const PUBLIC_STREAM_PREFIXES: readonly string[] = STREAM_KINDS.filter(
  (kind) => STREAM_PUBLICATION[kind] === 'public',
).map((kind) => STREAM_PREFIXES[kind]);

/** The value of a message on `benefit-ledger.events.v1`. */
export interface PublicEvent {
  contract: typeof PUBLIC_EVENTS_CONTRACT.name;
  contractVersion: typeof PUBLIC_EVENTS_CONTRACT.version;
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  revision: number;
  position: number;
  recordedAt: string;
  /** Who acted, by organisation and role; never the person. */
  actor: { organisationId: string; role: string };
  correlationId: string;
  causationId: string;
  /** The event's hash in the ledger (over the full event, so it is checked in the ledger, not from this message). */
  hash: string;
  data: Record<string, unknown>;
}

/** The contract's entry for a type, or null when events of that type are not published (internal, or unknown). */
function entryOf(type: string): ContractEntry<Record<string, unknown>> | null {
  if (!Object.prototype.hasOwnProperty.call(PUBLIC_EVENTS_V1, type)) return null;
  const entry = PUBLIC_EVENTS_V1[type as KnownType];
  // read by field name: the entry was checked against its type's data where it was declared
  return entry === 'internal' ? null : (entry as ContractEntry<Record<string, unknown>>);
}

export function isPublished(type: string): type is KnownType {
  return entryOf(type) !== null;
}

/** The event's public form, or null when its type is not published. */
export function toPublicEvent(event: RecordedEvent): PublicEvent | null {
  const entry = entryOf(event.type);
  if (!entry) return null;
  const data: Record<string, unknown> = {};
  for (const field of entry.publish) if (field in event.data) data[field] = event.data[field];
  for (const [field, publicPart] of Object.entries(entry.partly ?? {})) {
    if (field in event.data && publicPart) data[field] = publicPart(event.data[field]);
  }
  const metadata = event.metadata;
  return {
    contract: PUBLIC_EVENTS_CONTRACT.name,
    contractVersion: PUBLIC_EVENTS_CONTRACT.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    recordedAt: metadata.recordedAt,
    actor: { organisationId: metadata.actor.organisationId, role: metadata.actor.role },
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    hash: metadata.hash,
    data,
  };
}

/** Message headers on `benefit-ledger.events.v1`; `event-id` is what consumers drop duplicates by. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  hash: 'hash',
  ...CONTRACT_HEADERS,
} as const;

/** The Kafka message for an event: keyed by stream id (so a stream's events stay in order), or null if not published. */
export function publicEventMessage(event: RecordedEvent): OutboundMessage | null {
  const published = toPublicEvent(event);
  if (!published) return null;
  const headers = EVENT_HEADERS;
  return contractMessage(PUBLIC_EVENTS_CONTRACT, published.streamId, published, {
    [headers.eventId]: published.eventId,
    [headers.eventType]: published.type,
    [headers.schemaVersion]: String(published.schemaVersion),
    [headers.correlationId]: published.correlationId,
    [headers.causationId]: published.causationId,
    [headers.hash]: published.hash,
  });
}
