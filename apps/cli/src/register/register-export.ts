import { stringify } from 'csv-stringify/sync';
import {
  BenefitRegister,
  DataSource,
  DiscountedProfile,
  FinancialYear,
  InterventionEvent,
  NOTHING_REGISTERED,
  OrganisationRegistered,
  STREAM_PREFIXES,
  forecastYears,
  upcastInterventionEvent,
} from '@benefit-ledger/domain';
import { EventStore } from '@benefit-ledger/event-store';
import { CapacityFold, costCell } from './register-capacity';
import { REGISTER_COLUMN_NAMES, RegisterRow } from './register-columns';
import { organisationsCell } from './register-organisations';

type DataOf<T extends InterventionEvent['type']> = Extract<InterventionEvent, { type: T }>['data'];

/** One benefit as its stream tells it: the intervention, the claim as it stands, finance's decision, the actuals. */
interface BenefitStory {
  intervention: DataOf<'InterventionRegistered'>;
  claim: DataOf<'BenefitClaimed'>;
  decision:
    | { status: 'validated'; data: DataOf<'BenefitValidated'> }
    | { status: 'rejected'; data: DataOf<'BenefitRejected'> }
    | null;
  actuals: DataOf<'BenefitActualRecorded'>[];
  /** The intervention's costs in log order (shared by its benefits; written on its first row only). */
  costs: DataOf<'CostRecorded'>[];
  capacity: CapacityFold;
}

const STREAM_PREFIX = STREAM_PREFIXES.intervention;

/** Every benefit of one intervention's events, folded: a revision replaces the claim's figures, source, profile and register. */
function storiesOf(events: readonly InterventionEvent[]): BenefitStory[] {
  let intervention: DataOf<'InterventionRegistered'> | null = null;
  const costs: DataOf<'CostRecorded'>[] = [];
  const capacity = new CapacityFold();
  const stories = new Map<string, BenefitStory>();
  // the decider refuses anything on a benefit before its claim, or on an intervention before its registration
  const storyOf = (benefitId: string): BenefitStory => {
    const story = stories.get(benefitId);
    if (!story) throw new Error(`the log records benefit '${benefitId}' changing before it was claimed`);
    return story;
  };
  for (const event of events.map(upcastInterventionEvent)) {
    capacity.apply(event);
    switch (event.type) {
      case 'InterventionRegistered':
        intervention = event.data;
        break;
      case 'BenefitClaimed':
        if (!intervention)
          throw new Error(
            `the log records benefit '${event.data.benefitId}' claimed before its intervention was registered`,
          );
        stories.set(event.data.benefitId, {
          intervention,
          claim: event.data,
          decision: null,
          actuals: [],
          costs,
          capacity,
        });
        break;
      case 'BenefitRevised': {
        const story = storyOf(event.data.benefitId);
        const { reason: _reason, benefitId: _id, register, profile, ...figures } = event.data;
        const { profile: _old, ...claim } = story.claim;
        story.claim = {
          ...claim,
          ...figures,
          ...(profile ? { profile } : {}),
          register: register ?? story.claim.register,
        };
        break;
      }
      case 'BenefitValidated':
        storyOf(event.data.benefitId).decision = { status: 'validated', data: event.data };
        break;
      case 'BenefitRejected':
        storyOf(event.data.benefitId).decision = { status: 'rejected', data: event.data };
        break;
      case 'CostRecorded':
        costs.push(event.data);
        break;
      case 'BenefitActualRecorded':
        storyOf(event.data.benefitId).actuals.push(event.data);
        break;
      default:
        break;
    }
  }
  return [...stories.values()];
}

const text = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));
const sourceJson = (source: DataSource) => ({
  system: source.system,
  reference: source.reference,
  ...(source.extractedOn ? { extractedOn: source.extractedOn } : {}),
});

function profileCells(profile: DiscountedProfile | undefined): RegisterRow {
  if (!profile) return { profileFollowingYears: '', discountSchedule: '', optimismBiasBasisPoints: '' };
  return {
    profileFollowingYears: json(
      profile.years.slice(1).map((y) => ({ financialYear: y.financialYear, valuePence: y.valuePence })),
    ),
    discountSchedule: profile.schedule,
    optimismBiasBasisPoints: text(profile.optimismBiasBasisPoints),
  };
}

function registerCells(register: BenefitRegister): RegisterRow {
  return {
    ownerRole: text(register.owner?.role),
    ownerOrganisationId: text(register.owner?.organisationId),
    measureSeries: text(register.measure?.series),
    measureUnit: text(register.measure?.unit),
    baselineValue: text(register.baseline?.value),
    baselineDate: text(register.baseline?.date),
    targetValue: text(register.target?.value),
    targetDate: text(register.target?.date),
    timingFirstYear: text(register.timing?.firstYear),
    timingDurationYears: text(register.timing?.durationYears),
    dependencies: json(register.dependencies),
    risks: json(register.risks),
  };
}

function decisionCells(story: BenefitStory): RegisterRow {
  const decision = story.decision;
  if (decision?.status === 'validated') {
    return {
      status: 'validated',
      validatedValuePence: text(decision.data.validatedValuePence),
      validatedQuantity: text(decision.data.validatedQuantity ?? story.claim.quantity.value),
      decisionNote: decision.data.note,
      validationSourceSystem: text(decision.data.source?.system),
      validationSourceReference: text(decision.data.source?.reference),
      validationSourceExtractedOn: text(decision.data.source?.extractedOn),
    };
  }
  const none = {
    validatedValuePence: '',
    validatedQuantity: '',
    validationSourceSystem: '',
    validationSourceReference: '',
    validationSourceExtractedOn: '',
  };
  return decision?.status === 'rejected'
    ? { status: 'rejected', ...none, decisionNote: decision.data.reason }
    : { status: 'claimed', ...none, decisionNote: '' };
}

/** One row of the register file: every cell text, in the layout's columns. */
export function registerRowOf(story: BenefitStory): RegisterRow {
  const { intervention, claim } = story;
  const releases = story.capacity.releasesOf(claim.benefitId);
  const actuals = [...story.actuals]
    .sort((a, b) => a.financialYear.localeCompare(b.financialYear))
    .map((actual) => ({
      financialYear: actual.financialYear,
      valuePence: actual.valuePence,
      quantity: actual.quantity.value,
      source: sourceJson(actual.source),
    }));
  return {
    interventionId: intervention.interventionId,
    title: intervention.title,
    leadOrganisationId: intervention.leadOrganisationId,
    pathway: text(intervention.pathway),
    method: text(intervention.method),
    economic: text(intervention.lenses.economic),
    social: text(intervention.lenses.social),
    strategic: text(intervention.lenses.strategic),
    strategicPriorities: intervention.strategicPriorities.join(';'),
    benefitId: claim.benefitId,
    benefitType: claim.benefitType,
    lens: claim.lens,
    description: claim.description,
    quantityValue: text(claim.quantity.value),
    quantityUnit: claim.quantity.unit,
    valuationMethod: claim.valuation.method,
    unitValuePence: text(claim.valuation.unitValuePence),
    valuePence: text(claim.valuePence),
    recurrence: claim.recurrence,
    financialYear: claim.financialYear,
    landingOrganisationId: claim.landingOrganisationId,
    sourceSystem: claim.source.system,
    sourceReference: claim.source.reference,
    sourceExtractedOn: text(claim.source.extractedOn),
    ...profileCells(claim.profile),
    ...registerCells(claim.register ?? NOTHING_REGISTERED),
    ...decisionCells(story),
    forecast: json(
      forecastYears({
        financialYear: claim.financialYear,
        valuePence: claim.valuePence,
        profile: claim.profile ?? null,
      }),
    ),
    actuals: actuals.length ? json(actuals) : '',
    interventionCosts: story.costs.length ? json(story.costs.map(costCell)) : '',
    capacityReleases: releases.length ? json(releases) : '',
    organisations: '',
  };
}

/** The organisations a benefit's row names: lead, landing, owner, cost bearers, release receivers. */
function organisationsNamedBy(story: BenefitStory): string[] {
  const releases = story.capacity.releasesOf(story.claim.benefitId);
  return [
    story.intervention.leadOrganisationId,
    story.claim.landingOrganisationId,
    ...(story.claim.register?.owner ? [story.claim.register.owner.organisationId] : []),
    ...story.costs.map((cost) => cost.bearerOrganisationId),
    ...releases.map((release) => release.landingOrganisationId),
    ...releases.flatMap((release) =>
      release.harvests.flatMap((harvest) => harvest.reinvestments.map((r) => r.into.organisationId)),
    ),
  ];
}

/** The benefits register of a financial year (the claims of that year), ordered by intervention and benefit id. */
export async function exportRegister(
  store: EventStore,
  financialYear: FinancialYear,
): Promise<{ rows: RegisterRow[]; csv: string }> {
  const byStream = new Map<string, InterventionEvent[]>();
  const organisations = new Map<string, OrganisationRegistered['data']>();
  for await (const event of store.readAll()) {
    if (event.type === 'OrganisationRegistered') {
      const data = event.data as OrganisationRegistered['data'];
      organisations.set(data.organisationId, data);
    }
    if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
    const list = byStream.get(event.streamId) ?? [];
    list.push({ type: event.type, data: event.data } as InterventionEvent);
    byStream.set(event.streamId, list);
  }
  const stories = [...byStream.values()]
    .flatMap(storiesOf)
    .filter((story) => story.claim.financialYear === financialYear);
  const rows = stories
    .map(registerRowOf)
    .sort((a, b) => a.interventionId.localeCompare(b.interventionId) || a.benefitId.localeCompare(b.benefitId));
  // an intervention's costs once, on its first row; the organisations once, on the file's first row
  rows.forEach((row, index) => {
    if (index > 0 && rows[index - 1]?.interventionId === row.interventionId) row.interventionCosts = '';
  });
  const named = organisationsCell(organisations, stories.flatMap(organisationsNamedBy));
  const first = rows.at(0);
  if (first && named.length) first.organisations = json(named);
  return { rows, csv: stringify(rows, { header: true, columns: REGISTER_COLUMN_NAMES }) };
}
