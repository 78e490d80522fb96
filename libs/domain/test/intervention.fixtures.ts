/**
 * Events and commands of one intervention's stream, with plain defaults, for given / when / then.
 * Every builder takes overrides so a test states only what matters to it.
 */
import {
  Actor,
  BenefitClaimed,
  BenefitRejected,
  BenefitRevised,
  BenefitValidated,
  CapacityHarvested,
  CapacityReinvested,
  CapacityReleased,
  CashReleased,
  CostRecorded,
  DataSource,
  Decision,
  Harvest,
  InterventionCommand,
  InterventionDecisionRecorded,
  InterventionEvent,
  InterventionRegistered,
  MeasurementRecorded,
  NOTHING_REGISTERED,
  Role,
} from '../src';

export const INTERVENTION = 'frailty-unit';
/** Leads the intervention and bears its costs. */
export const LEAD = 'acute-trust';
/** Where the intervention's benefits land. */
export const LANDING = 'community-trust';
/** Neither leads nor receives anything. */
export const ELSEWHERE = 'gp-practice';
export const FY = '2019/20';
export const SOURCE: DataSource = { system: 'PAS', reference: 'report-42', extractedOn: '2020-04-30' };

export const actor = (role: Role, organisationId: string): Actor => ({
  userId: `${role}@${organisationId}`,
  organisationId,
  role,
});

type Data<E extends InterventionEvent> = E['data'];
type CommandOf<T extends InterventionCommand['type']> = Extract<InterventionCommand, { type: T }>;

// ---- events -------------------------------------------------------------------------------------------

export const registered = (over: Partial<Data<InterventionRegistered>> = {}): InterventionRegistered => ({
  type: 'InterventionRegistered',
  data: {
    interventionId: INTERVENTION,
    title: 'Frailty assessment unit',
    leadOrganisationId: LEAD,
    pathway: 'frailty',
    method: 'lean',
    lenses: { economic: true, social: true, strategic: false },
    strategicPriorities: ['flow'],
    ...over,
  },
});

export const decided = (decision: Decision): InterventionDecisionRecorded => ({
  type: 'InterventionDecisionRecorded',
  data: { decision, rationale: `board agreed to ${decision}`, decidedOn: '2019-05-01' },
});

export const costRecorded = (over: Partial<Data<CostRecorded>> = {}): CostRecorded => ({
  type: 'CostRecorded',
  data: {
    costId: 'team',
    costType: 'direct',
    category: 'improvement team',
    amountPence: 1_000_000,
    financialYear: FY,
    bearerOrganisationId: LEAD,
    source: SOURCE,
    ...over,
  },
});

export const measured = (measurementId: string): MeasurementRecorded => ({
  type: 'MeasurementRecorded',
  data: {
    measurementId,
    measure: 'length of stay',
    unit: 'days',
    kind: 'baseline',
    value: 7.5,
    period: { start: '2019-04-01', end: '2019-06-30' },
    source: SOURCE,
  },
});

export const claimed = (over: Partial<Data<BenefitClaimed>> = {}): BenefitClaimed => ({
  type: 'BenefitClaimed',
  data: {
    benefitId: 'bed-days',
    benefitType: 'capacity',
    lens: 'economic',
    description: 'bed-days saved',
    quantity: { value: 100, unit: 'bed-days' },
    valuation: { method: 'unit-cost', unitValuePence: 30_000 },
    valuePence: 3_000_000,
    recurrence: 'recurrent',
    financialYear: FY,
    landingOrganisationId: LANDING,
    evidence: [],
    source: SOURCE,
    register: NOTHING_REGISTERED,
    ...over,
  },
});

export const revised = (benefitId: string, valuePence: number): BenefitRevised => ({
  type: 'BenefitRevised',
  data: {
    benefitId,
    quantity: { value: 1, unit: 'each' },
    valuation: { method: 'actual' },
    valuePence,
    reason: 'recounted',
    source: SOURCE,
    register: NOTHING_REGISTERED,
  },
});

/**
 * A validation as written today (version 2: with the quantity validated and a source); without `validatedQuantity`,
 * as written before either was recorded (version 1: read as the quantity claimed, and "source not recorded").
 */
export const validated = (
  benefitId: string,
  validatedValuePence: number,
  validatedQuantity?: number,
): BenefitValidated => ({
  type: 'BenefitValidated',
  data:
    validatedQuantity === undefined
      ? ({ benefitId, validatedValuePence, note: 'checked against the ledger' } as BenefitValidated['data'])
      : { benefitId, validatedValuePence, note: 'checked against the ledger', validatedQuantity, source: SOURCE },
});

/** The same event as written before its kind required a source (schema version 1): no `source` in its data. */
export const asRecordedBeforeSources = <E extends InterventionEvent>(event: E): E => {
  const { source: _source, ...data } = event.data as { source?: unknown };
  return { ...event, data };
};

export const rejected = (benefitId: string): BenefitRejected => ({
  type: 'BenefitRejected',
  data: { benefitId, reason: 'no evidence' },
});

export const released = (over: Partial<Data<CapacityReleased>> = {}): CapacityReleased => ({
  type: 'CapacityReleased',
  data: {
    releaseId: 'beds-2019',
    benefitId: 'bed-days',
    resource: 'bed-days',
    quantity: 100,
    landingOrganisationId: LANDING,
    financialYear: FY,
    source: SOURCE,
    ...over,
  },
});

export const harvested = (harvest: Harvest, quantity: number, releaseId = 'beds-2019'): CapacityHarvested => ({
  type: 'CapacityHarvested',
  data: { releaseId, harvest, quantity, rationale: `${harvest} agreed`, source: SOURCE },
});

export const cashReleased = (amountPence: number, releaseId = 'beds-2019'): CashReleased => ({
  type: 'CashReleased',
  data: { releaseId, amountPence, budgetLine: 'ward 12', source: SOURCE },
});

export const reinvested = (quantity: number, releaseId = 'beds-2019'): CapacityReinvested => ({
  type: 'CapacityReinvested',
  data: {
    releaseId,
    quantity,
    into: { description: 'elective recovery', organisationId: LANDING },
    valuePence: null,
    source: SOURCE,
  },
});

// ---- commands -----------------------------------------------------------------------------------------

export const registerIntervention = (
  over: Partial<CommandOf<'RegisterIntervention'>> = {},
): CommandOf<'RegisterIntervention'> => ({
  type: 'RegisterIntervention',
  ...registered().data,
  ...over,
});

export const recordDecision = (decision: Decision): CommandOf<'RecordDecision'> => ({
  type: 'RecordDecision',
  decision,
  rationale: `board agreed to ${decision}`,
  decidedOn: '2019-05-01',
});

export const recordCost = (over: Partial<CommandOf<'RecordCost'>> = {}): CommandOf<'RecordCost'> => ({
  type: 'RecordCost',
  ...costRecorded().data,
  ...over,
});

export const recordMeasurement = (
  over: Partial<CommandOf<'RecordMeasurement'>> = {},
): CommandOf<'RecordMeasurement'> => ({
  type: 'RecordMeasurement',
  measurementId: 'los-baseline',
  measure: 'length of stay',
  unit: 'days',
  kind: 'baseline',
  value: 7.5,
  periodStart: '2019-04-01',
  periodEnd: '2019-06-30',
  source: SOURCE,
  ...over,
});

export const claimBenefit = (over: Partial<CommandOf<'ClaimBenefit'>> = {}): CommandOf<'ClaimBenefit'> => {
  const { profile: _profile, ...claim } = claimed().data;
  return { type: 'ClaimBenefit', ...claim, ...over };
};

export const reviseBenefit = (over: Partial<CommandOf<'ReviseBenefit'>> = {}): CommandOf<'ReviseBenefit'> => ({
  type: 'ReviseBenefit',
  benefitId: 'bed-days',
  quantity: { value: 80, unit: 'bed-days' },
  valuation: { method: 'unit-cost', unitValuePence: 30_000 },
  valuePence: 2_400_000,
  reason: 'recounted',
  source: SOURCE,
  ...over,
});

export const validateBenefit = (
  validatedValuePence: number,
  benefitId = 'bed-days',
  validatedQuantity?: number,
): CommandOf<'ValidateBenefit'> => ({
  type: 'ValidateBenefit',
  benefitId,
  validatedValuePence,
  note: 'checked against the ledger',
  source: SOURCE,
  ...(validatedQuantity === undefined ? {} : { validatedQuantity }),
});

export const rejectBenefit = (benefitId = 'bed-days'): CommandOf<'RejectBenefit'> => ({
  type: 'RejectBenefit',
  benefitId,
  reason: 'no evidence',
});

export const releaseCapacity = (over: Partial<CommandOf<'ReleaseCapacity'>> = {}): CommandOf<'ReleaseCapacity'> => ({
  type: 'ReleaseCapacity',
  ...released().data,
  source: SOURCE,
  ...over,
});

export const harvestCapacity = (
  harvest: Harvest,
  quantity: number,
  releaseId = 'beds-2019',
): CommandOf<'HarvestCapacity'> => ({
  type: 'HarvestCapacity',
  ...harvested(harvest, quantity, releaseId).data,
  source: SOURCE,
});

export const releaseCash = (amountPence: number, releaseId = 'beds-2019'): CommandOf<'ReleaseCash'> => ({
  type: 'ReleaseCash',
  ...cashReleased(amountPence, releaseId).data,
  source: SOURCE,
});

export const reinvestCapacity = (quantity: number, releaseId = 'beds-2019'): CommandOf<'ReinvestCapacity'> => ({
  type: 'ReinvestCapacity',
  ...reinvested(quantity, releaseId).data,
  source: SOURCE,
});

export const recordActual = (
  over: Partial<CommandOf<'RecordBenefitActual'>> = {},
): CommandOf<'RecordBenefitActual'> => ({
  type: 'RecordBenefitActual',
  benefitId: 'bed-days',
  financialYear: FY,
  valuePence: 2_700_000,
  quantity: { value: 90, unit: 'bed-days' },
  source: SOURCE,
  ...over,
});

/** One command of every type (for tables over all commands). */
export const oneOfEachCommand = (): InterventionCommand[] => [
  registerIntervention(),
  recordDecision('approve'),
  recordCost(),
  recordMeasurement(),
  claimBenefit(),
  reviseBenefit(),
  validateBenefit(3_000_000),
  rejectBenefit(),
  releaseCapacity(),
  harvestCapacity('cash-release', 1),
  releaseCash(30_000),
  reinvestCapacity(1),
  recordActual(),
];
