/**
 * The shapes of the API's answers this app reads (docs/api.md, docs/value-and-flows.md; /docs-json).
 * A traceable figure is `{pence, ref}` (`{quantity, ref}` for capacity): `ref` goes to `GET /trace?figure=`.
 */
export interface Figure {
  pence: number;
  ref?: string;
}
export interface QuantityFigure {
  quantity: number;
  ref?: string;
}

/** The list endpoints' page (`?offset=&limit=`, limit ≤ 500). */
export interface ListPage<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export interface Organisation {
  organisationId: string;
  name: string;
  type: string;
  system?: string | null;
}

export interface Lenses {
  economic: boolean;
  social: boolean;
  strategic: boolean;
}

/** An item of `GET /interventions` (docs/api-lists.md): every figure traceable. */
export interface InterventionSummary {
  interventionId: string;
  title: string;
  leadOrganisationId: string;
  leadOrganisationName?: string;
  status: string;
  pathway?: string | null;
  lenses?: Lenses;
  registeredAt?: string;
  costsPence: Figure;
  claimedPence: Figure;
  validatedPence: Figure;
  rejectedPence: Figure;
  roi: { ratio: number; perPound: string; pencePerPound: number; ref?: string } | null;
}

/** The list answers also state what they read: the log position and the as-at asked. */
export interface ListAnswer<T> extends ListPage<T> {
  upToPosition?: number;
  asAt?: string;
}

export interface Benefit {
  benefitId: string;
  benefitType: string;
  lens: string;
  description?: string;
  valuePence: number;
  recurrence: string;
  financialYear: string;
  landingOrganisationId: string;
  status: 'claimed' | 'validated' | 'rejected';
  validatedValuePence: number | null;
  quantity: { value: number; unit: string };
  valuation: { method: string; unitCostId?: string; unitValuePence?: number; edition?: string };
}

export interface CapacityRelease {
  releaseId: string;
  benefitId: string;
  resource: string;
  landingOrganisationId: string;
  financialYear: string;
  released: number;
  harvested: { 'cash-release': number; reinvest: number; unharvested: number };
  undecided: number;
  reinvested: number;
  cashReleasedPence: number;
  reinvestments: { quantity: number; valuePence: number | null }[];
}

export interface Intervention {
  interventionId: string;
  title: string;
  leadOrganisationId: string;
  status: string;
  pathway?: string | null;
  method?: string | null;
  lenses: Lenses;
  revision: number;
  costs: {
    costId: string;
    costType: string;
    category?: string;
    amountPence: number;
    financialYear: string;
    bearerOrganisationId: string;
  }[];
  benefits: Benefit[];
  capacityReleases: CapacityRelease[];
}

/** `GET /interventions/:id/value` (for the view's year and as-at): the parts this app shows, every one traceable. */
export interface InterventionValue {
  interventionId: string;
  costs: { directPence: Figure; indirectPence: Figure; totalPence: Figure; byBearer: Record<string, Figure> };
  benefits: { claimedPence: Figure; validatedPence: Figure; realisedPence: Figure; rejectedPence: Figure };
  netValuePence: Figure;
  roi: { ratio: number; perPound: string; pencePerPound: number; ref?: string } | null;
}

/** One decision on `GET /interventions/:id/timeline`: an event of the intervention's stream, in plain words. */
export interface TimelineEntry {
  position: number;
  revision: number;
  recordedAt: string;
  type: string;
  actor: Actor;
  headline: string;
  summary: string;
  source: { system: string; reference: string; extractedOn?: string } | null;
  figure: Figure | null;
  hash: string;
}

/** `GET /interventions/:id/timeline`: the decisions, and every single line as a traceable figure. */
export interface InterventionTimeline extends ListPage<TimelineEntry> {
  interventionId: string;
  status: string;
  lines: {
    costs: { costId: string; amountPence: Figure }[];
    benefits: { benefitId: string; claimedPence: Figure; validatedPence: Figure | null }[];
    releases: { releaseId: string; cashReleasedPence: Figure; reinvestedValuePence: Figure }[];
    landings: { organisationId: string; validatedPence: Figure }[];
  };
}

/** `period` on a year's answer: closed or not; when closed, the figures as closed and each that changed since. */
export interface Period {
  financialYear: string;
  closed: boolean;
  close?: { closedAt?: string; position?: number; scope?: unknown };
  changedFigures?: {
    path: string;
    unit: 'pence' | 'quantity' | 'pence-per-pound';
    asClosed: { value: number; ref: string | null };
    asRestated: { value: number; ref: string | null };
    difference: number;
  }[];
  restatements?: { reason: string; recordedAt: string; actor?: { userId: string; role: string }; position: number }[];
}

export interface Basis {
  upToPosition: number;
  asAt?: string;
  financialYear: string | null;
  period?: Period;
}

export interface SystemFlows extends Basis {
  totals: { validatedPence: Figure; flowsPence: Figure; crossOrganisationPence: Figure };
  nodes: {
    id: string;
    side: 'investor' | 'landing';
    organisationId: string | null;
    name: string;
    valuePence: Figure;
  }[];
  links: { source: string; target: string; from: string | null; to: string; valuePence: number; ref?: string }[];
}

export interface OrganisationValue extends Basis {
  organisationId: string;
  name: string;
  type: string;
  investedPence: Figure;
  landedHere: {
    totalPence: Figure;
    fromOwnInvestmentPence: Figure;
    byType: Record<string, Figure>;
    byLens: Record<string, Figure>;
    cashPence: Figure;
    nonCashPence: Figure;
    recurrentPence: Figure;
    nonRecurrentPence: Figure;
  };
  investmentLanded: {
    totalPence: Figure;
    herePence: Figure;
    elsewherePence: Figure;
    byOrganisation: { organisationId: string; pence: number; ref?: string }[];
  };
  netPence: Figure;
}

export interface CapacityRow {
  organisationId: string;
  resource: string;
  financialYear: string;
  released: QuantityFigure;
  harvestedAsCash: QuantityFigure;
  harvestedForReinvestment: QuantityFigure;
  unharvested: QuantityFigure;
  undecided: QuantityFigure;
  reinvested: QuantityFigure;
  cashReleasedPence: Figure;
  reinvestedValuePence: Figure;
}
export interface Capacity extends Basis {
  rows: CapacityRow[];
}

export interface Partnership {
  partnershipId: string;
  name: string;
  revision: number;
  members: { organisationId: string; role: string }[];
  formerMembers: { organisationId: string; role?: string; reason?: string }[];
  agreements: {
    version: number;
    shares: { organisationId: string; basisPoints: number }[];
    benefitTypes: string[];
    effectiveFrom: string;
  }[];
  enrolments: { interventionId: string; attributionBasisPoints: number }[];
  costs: {
    costId: string;
    category: string;
    amountPence: number;
    financialYear: string;
    bearerOrganisationId: string;
  }[];
}

export interface PartnershipSummary {
  partnershipId: string;
  name: string;
  members: { organisationId: string; role: string }[];
  formerMembers: string[];
}

export interface Attribution extends Basis {
  partnershipId: string;
  name: string;
  agreement: Partnership['agreements'][number] | null;
  interventions: {
    interventionId: string;
    attributionBasisPoints: number;
    validatedPence: Figure;
    attributedPence: Figure;
  }[];
  attributedPence: Figure;
  members: { organisationId: string; basisPoints: number; attributedPence: Figure }[];
  costs: { totalPence: Figure; lines?: { costId: string; amountPence: Figure }[] };
  roi: { ratio: number; pencePerPound: number; perPound: string; ref?: string } | null;
}

export interface ReconciliationLine {
  lineId: string;
  description: string;
  cashReleasing: boolean;
  recurrent: boolean;
  status: 'evidenced' | 'partly-evidenced' | 'unevidenced';
  reportedPence: Figure;
  evidencedPence: Figure;
  variancePence: Figure;
  benefits: {
    interventionId: string;
    benefitId: string;
    benefitType: string;
    recurrence: string;
    linkedPence: Figure;
  }[];
}
export interface SplitFigures {
  cashReleasingPence: Figure;
  nonCashReleasingPence: Figure;
  recurrentPence: Figure;
  nonRecurrentPence: Figure;
}
export interface Reconciliation extends Basis {
  organisationId: string;
  name: string;
  report: {
    version: number;
    statedTotalPence: number;
    source?: { system: string; reference: string };
    recordedAt: string;
    signedOff: { note?: string; signedOffAt?: string; recordedAt?: string; by?: string } | null;
  };
  lines: ReconciliationLine[];
  unclaimedBenefits: {
    interventionId: string;
    benefitId: string;
    benefitType: string;
    recurrence: string;
    validatedPence: number;
    linkedPence: number;
    unclaimedPence: Figure;
  }[];
  totals: {
    reportedPence: Figure;
    evidencedPence: Figure;
    variancePence: Figure;
    validatedLandedPence: Figure;
    unclaimedPence: Figure;
  };
  splits: { reported: SplitFigures; evidenced: SplitFigures; validatedLanded: SplitFigures; unclaimed: SplitFigures };
}

export interface TraceEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  hash: string;
  type: string;
  actor: { userId: string; organisationId: string; role: string };
  recordedAt: string;
  correlationId?: string;
  source: { system: string; reference: string; extractedOn?: string } | null;
}
export interface Trace {
  figure: { query: string; parameters: Record<string, string | number | null>; key: unknown; value: number };
  arithmetic: { terms: { note: string; amount: number; positions: number[] }[]; total: number };
  page: { offset: number; limit: number; terms: number; nextOffset: number | null };
  events: TraceEvent[];
}

export interface Verification {
  ok: boolean;
  events: number;
  streams: number;
  seals: unknown[];
  missingPositions: number[];
  firstBroken?: { streamId?: string; revision?: number; position?: number; reason?: string } | null;
}

/** Who did something, as the lists state it. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: string;
}

/** An item of `GET /benefits` (`?status=claimed` is finance's validation queue). */
export interface BenefitItem {
  interventionId: string;
  interventionTitle: string;
  leadOrganisationId: string;
  benefitId: string;
  benefitType: string;
  lens: string;
  recurrence: string;
  financialYear: string;
  landingOrganisationId: string;
  description: string;
  status: 'claimed' | 'validated' | 'rejected';
  valuePence: number;
  revised: boolean;
  validatedPence: number | null;
  claim: { position: number; recordedAt: string; by: Actor };
  decision: {
    decision: 'validated' | 'rejected';
    position: number;
    recordedAt: string;
    by: Actor;
    note: string;
  } | null;
}
