import { BenefitType, Lens } from '@benefit-ledger/domain';

/** What an intervention is about: what it measures, the resource it frees and what a unit of it is worth. */
export interface Theme {
  slug: string;
  title: string;
  pathway: string;
  measure: string;
  unit: string;
  resource: string;
  unitPence: [number, number];
  quantity: [number, number];
}

export const THEMES: Theme[] = [
  {
    slug: 'frailty-discharge-to-assess',
    title: 'Frailty discharge to assess',
    pathway: 'frailty',
    measure: 'mean length of stay, frailty',
    unit: 'days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2500],
  },
  {
    slug: 'virtual-ward-respiratory',
    title: 'Virtual ward for respiratory patients',
    pathway: 'respiratory',
    measure: 'occupied bed-days, respiratory',
    unit: 'bed-days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2000],
  },
  {
    slug: 'theatre-scheduling',
    title: 'Theatre scheduling and session utilisation',
    pathway: 'elective surgery',
    measure: 'theatre session utilisation',
    unit: '%',
    resource: 'theatre-sessions',
    unitPence: [500_000, 800_000],
    quantity: [10, 150],
  },
  {
    slug: 'patient-initiated-follow-up',
    title: 'Patient-initiated follow-up',
    pathway: 'outpatients',
    measure: 'follow-up appointments per new',
    unit: 'ratio',
    resource: 'outpatient-appointments',
    unitPence: [12_000, 20_000],
    quantity: [200, 6000],
  },
  {
    slug: 'structured-medication-review',
    title: 'Structured medication reviews for polypharmacy',
    pathway: 'medicines optimisation',
    measure: 'emergency admissions, 10+ medicines',
    unit: 'admissions',
    resource: 'clinic-hours',
    unitPence: [6_000, 12_000],
    quantity: [100, 5000],
  },
  {
    slug: 'community-falls-prevention',
    title: 'Community falls prevention',
    pathway: 'falls',
    measure: 'ambulance conveyances after a fall',
    unit: 'conveyances',
    resource: 'conveyances',
    unitPence: [25_000, 40_000],
    quantity: [20, 800],
  },
  {
    slug: 'mental-health-crisis-cafe',
    title: 'Mental health crisis café',
    pathway: 'mental health crisis',
    measure: 'ED attendances in crisis',
    unit: 'attendances',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [30, 900],
  },
  {
    slug: 'diabetes-education',
    title: 'Structured diabetes education',
    pathway: 'diabetes',
    measure: 'HbA1c above target',
    unit: 'patients',
    resource: 'clinic-hours',
    unitPence: [6_000, 12_000],
    quantity: [100, 3000],
  },
  {
    slug: 'sepsis-bundle',
    title: 'Sepsis six bundle on admission',
    pathway: 'acute medicine',
    measure: 'sepsis length of stay',
    unit: 'days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 1500],
  },
  {
    slug: 'e-rostering',
    title: 'E-rostering and bank staff',
    pathway: 'workforce',
    measure: 'agency hours per month',
    unit: 'hours',
    resource: 'clinical-hours',
    unitPence: [3_500, 6_000],
    quantity: [200, 8000],
  },
  {
    slug: 'anaesthetic-gas-reduction',
    title: 'Anaesthetic gas reduction',
    pathway: 'sustainability',
    measure: 'desflurane use',
    unit: 'litres',
    resource: 'theatre-sessions',
    unitPence: [500_000, 800_000],
    quantity: [5, 60],
  },
  {
    slug: 'same-day-discharge-lounge',
    title: 'Same-day discharge lounge',
    pathway: 'patient flow',
    measure: 'discharges before noon',
    unit: '%',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2500],
  },
];

export const METHODS = [
  'Lean (rapid improvement events)',
  'Model for Improvement (PDSA)',
  'Six Sigma DMAIC',
  'Experience-based co-design',
  'Scheduling software with Lean huddles',
  null,
];
export const PRIORITIES = [
  'urgent and emergency care flow',
  'home first',
  'elective recovery',
  'prevention',
  'reducing avoidable admissions',
  'workforce retention',
  'net zero',
  'health inequalities',
];
export const COST_CATEGORIES = [
  'improvement team',
  'staff time',
  'backfill',
  'software and implementation',
  'training',
  'programme funding',
  'equipment',
  'evaluation',
];
export const COST_SOURCES = ['ledger', 'e-rostering', 'payroll', 'joint working agreement'];
export const MEASURE_SOURCES = ['PAS', 'SUS', 'ECDS', 'e-rostering', 'Datix', 'ePACT2', 'theatre system'];
export const BENEFIT_WEIGHTS: [BenefitType, number][] = [
  ['capacity', 18],
  ['cost-avoidance', 20],
  ['cash-releasing', 12],
  ['quality', 14],
  ['safety', 10],
  ['workforce', 12],
  ['environmental', 5],
  ['patient-experience', 9],
];
export const LENS_OF: Record<BenefitType, Lens> = {
  capacity: 'economic',
  'cost-avoidance': 'economic',
  'cash-releasing': 'economic',
  quality: 'social',
  safety: 'social',
  workforce: 'social',
  environmental: 'strategic',
  'patient-experience': 'social',
};
