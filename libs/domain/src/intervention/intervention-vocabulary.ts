/** The closed vocabularies of the intervention stream (docs/design.md#the-events). */
export const DECISIONS = ['approve', 'start', 'scale', 'spread', 'pause', 'stop', 'close'] as const;
export type Decision = (typeof DECISIONS)[number];

export const COST_TYPES = ['direct', 'indirect'] as const;
export type CostType = (typeof COST_TYPES)[number];

export const MEASUREMENT_KINDS = ['baseline', 'outcome'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export const BENEFIT_TYPES = [
  'cash-releasing',
  'capacity',
  'cost-avoidance',
  'quality',
  'safety',
  'workforce',
  'environmental',
  'patient-experience',
] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

export const LENSES = ['economic', 'social', 'strategic'] as const;
export type Lens = (typeof LENSES)[number];

export const VALUATION_METHODS = ['actual', 'unit-cost', 'proxy', 'estimate'] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];

export const RECURRENCES = ['recurrent', 'non-recurrent'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const HARVESTS = ['cash-release', 'reinvest', 'unharvested'] as const;
export type Harvest = (typeof HARVESTS)[number];

export const BENEFIT_STATUSES = ['claimed', 'validated', 'rejected'] as const;
export type BenefitStatus = (typeof BENEFIT_STATUSES)[number];

export const INTERVENTION_STATUSES = ['registered', 'approved', 'active', 'paused', 'stopped', 'closed'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
