import { Actor, InterventionCommand } from '@benefit-ledger/domain';
import { contributor, finance } from '@benefit-ledger/testing';
import { ACUTE, COMMUNITY, DEMO_SYSTEM, GP, INDUSTRY } from './demo-organisations';

/** One intervention command, by whom. */
export interface DemoStep {
  interventionId: string;
  actor: Actor;
  command: InterventionCommand;
}

const source = (system: string, reference: string) => ({ system, reference, extractedOn: '2020-05-14' });
const lenses = (economic: boolean, social: boolean, strategic: boolean) => ({ economic, social, strategic });

const FRAILTY = 'frailty-discharge-to-assess';
const MEDS = 'structured-medication-review';
const THEATRES = 'theatre-scheduling';

/**
 * Three interventions in 2019/20: costs borne by several organisations, benefits of several types
 * landing elsewhere, validations and a rejection by the right finance teams, capacity released and
 * harvested as cash, reinvestment and left unharvested, and one claim still awaiting finance (so the acute trust's
 * validation queue is not empty). Expected figures are in DEMO_EXPECTED.
 */
/** A benefits register entry as the Green Book expects one: owner, measure, baseline, target, timing, dependencies, risks. */
const FRAILTY_READMISSIONS_REGISTER = {
  owner: { role: 'Director of Operations', organisationId: ACUTE },
  measure: { series: '30-day emergency readmissions, frailty, per year', unit: 'admissions' },
  baseline: { value: 212, date: '2019-03-31' },
  target: { value: 166, date: '2020-03-31' },
  timing: { firstYear: '2019/20', durationYears: 3 },
  dependencies: [{ interventionId: FRAILTY, benefitId: 'frailty-bed-days' }],
  risks: [{ description: 'Community follow-up capacity not sustained after the pilot', rating: 'medium' as const }],
};

export function demoSteps(): DemoStep[] {
  const fy = '2019/20';
  return [
    // 1. Frailty discharge to assess, led by the acute trust; community trust and ICB bear costs too.
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RegisterIntervention',
        interventionId: FRAILTY,
        title: 'Frailty discharge to assess',
        leadOrganisationId: ACUTE,
        pathway: 'frailty',
        method: 'Lean (rapid improvement events)',
        lenses: lenses(true, true, true),
        strategicPriorities: ['urgent and emergency care flow', 'home first'],
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordDecision',
        decision: 'approve',
        rationale: 'Business case approved by the trust improvement board',
        decidedOn: '2019-04-02',
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordDecision',
        decision: 'start',
        rationale: 'Pilot on two frailty wards',
        decidedOn: '2019-04-15',
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordCost',
        costId: 'frailty-team',
        costType: 'direct',
        category: 'improvement team',
        amountPence: 18_000_000,
        financialYear: fy,
        bearerOrganisationId: ACUTE,
        source: source('ledger', 'GL 4410 cost centre FR01'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordCost',
        costId: 'frailty-community-time',
        costType: 'indirect',
        category: 'community staff time',
        amountPence: 4_250_000,
        financialYear: fy,
        bearerOrganisationId: COMMUNITY,
        source: source('e-rostering', 'NCH roster extract 2019/20'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordCost',
        costId: 'frailty-icb-funding',
        costType: 'direct',
        category: 'programme funding',
        amountPence: 2_500_000,
        financialYear: fy,
        bearerOrganisationId: DEMO_SYSTEM,
        source: source('ledger', 'ICB transformation fund TF-19-07'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordMeasurement',
        measurementId: 'frailty-los-baseline',
        measure: 'mean length of stay, frailty',
        unit: 'days',
        kind: 'baseline',
        value: 11.4,
        periodStart: '2018-04-01',
        periodEnd: '2019-03-31',
        source: source('PAS', 'LOS report FR-2018'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordMeasurement',
        measurementId: 'frailty-los-outcome',
        measure: 'mean length of stay, frailty',
        unit: 'days',
        kind: 'outcome',
        value: 9.2,
        periodStart: '2019-04-01',
        periodEnd: '2020-03-31',
        source: source('PAS', 'LOS report FR-2019'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'frailty-bed-days',
        benefitType: 'capacity',
        lens: 'economic',
        description: 'Bed-days released by shorter frailty stays',
        quantity: { value: 1200, unit: 'bed-days' },
        valuation: { method: 'unit-cost', unitCostId: 'excess-bed-day' },
        valuePence: 41_400_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: ['frailty-los-baseline', 'frailty-los-outcome'],
        source: source('PAS', 'bed-day analysis BD-2019'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'frailty-readmissions',
        benefitType: 'cost-avoidance',
        lens: 'economic',
        description: 'Avoided 30-day readmissions',
        quantity: { value: 46, unit: 'admissions' },
        valuation: { method: 'unit-cost', unitCostId: 'non-elective-admission' },
        valuePence: 13_110_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: ['frailty-los-outcome'],
        source: source('SUS', 'readmissions extract R-2019'),
        // a three-year profile and a complete benefits register entry (docs/benefits-register.md)
        profile: {
          followingYears: [
            { financialYear: '2020/21', valuePence: 13_110_000 },
            { financialYear: '2021/22', valuePence: 13_110_000 },
          ],
          discounting: { schedule: 'standard', optimismBiasBasisPoints: 1000 },
        },
        register: FRAILTY_READMISSIONS_REGISTER,
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'frailty-agency-hours',
        benefitType: 'workforce',
        lens: 'social',
        description: 'Fewer agency nursing hours in community teams',
        quantity: { value: 2000, unit: 'hours' },
        valuation: { method: 'unit-cost', unitCostId: 'agency-nurse-hour' },
        valuePence: 9_000_000,
        recurrence: 'non-recurrent',
        financialYear: fy,
        landingOrganisationId: COMMUNITY,
        evidence: [],
        source: source('e-rostering', 'agency usage AU-2019'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'frailty-falls',
        benefitType: 'quality',
        lens: 'social',
        description: 'Fewer inpatient falls',
        quantity: { value: 20, unit: 'falls' },
        valuation: { method: 'estimate' },
        valuePence: 5_000_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: [],
        source: source('Datix', 'falls report 2019/20'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'frailty-bed-days',
        validatedValuePence: 41_400_000,
        note: 'Reconciled to PAS bed-day counts',
        source: source('ledger', 'bed-day reconciliation BR-2019 to PAS'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'frailty-readmissions',
        validatedValuePence: 12_000_000,
        note: 'Trimmed to admissions with matched cohort',
        source: source('SUS', 'matched cohort analysis MC-2019'),
      },
    },
    // plan against actual: two of its three years recorded, the second short of 80% of forecast
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'RecordBenefitActual',
        benefitId: 'frailty-readmissions',
        financialYear: fy,
        valuePence: 12_540_000,
        quantity: { value: 44, unit: 'admissions' },
        source: source('SUS', 'readmissions extract R-2019 final'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'RecordBenefitActual',
        benefitId: 'frailty-readmissions',
        financialYear: '2020/21',
        valuePence: 8_550_000,
        quantity: { value: 30, unit: 'admissions' },
        source: source('SUS', 'readmissions extract R-2020'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(COMMUNITY),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'frailty-agency-hours',
        validatedValuePence: 9_000_000,
        note: 'Agency invoices checked',
        source: source('ledger', 'agency invoices AI-2019/20'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'RejectBenefit',
        benefitId: 'frailty-falls',
        reason: 'No baseline measurement: the fall in falls cannot be attributed',
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ReleaseCapacity',
        releaseId: 'frailty-beds-2019',
        benefitId: 'frailty-bed-days',
        resource: 'bed-days',
        quantity: 1200,
        landingOrganisationId: ACUTE,
        financialYear: fy,
        source: source('bed management', 'bed state report BS-2019/20'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'HarvestCapacity',
        releaseId: 'frailty-beds-2019',
        harvest: 'cash-release',
        quantity: 400,
        rationale: 'Ward 12 closed for four months',
        source: source('ledger', 'establishment change EC-19-12 (ward 12)'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: finance(ACUTE),
      command: {
        type: 'ReleaseCash',
        releaseId: 'frailty-beds-2019',
        amountPence: 13_800_000,
        budgetLine: 'Ward 12 nursing establishment',
        source: source('ledger', 'budget virement BV-19-31'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'HarvestCapacity',
        releaseId: 'frailty-beds-2019',
        harvest: 'reinvest',
        quantity: 600,
        rationale: 'Beds used for elective orthopaedics',
        source: source('bed management', 'ward 12 bed plan WP-2019'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'ReinvestCapacity',
        releaseId: 'frailty-beds-2019',
        quantity: 600,
        into: { description: 'Elective orthopaedic inpatient activity', organisationId: ACUTE },
        valuePence: 20_700_000,
        source: source('PAS', 'elective orthopaedic activity EO-2019/20'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'HarvestCapacity',
        releaseId: 'frailty-beds-2019',
        harvest: 'unharvested',
        quantity: 150,
        rationale: 'Absorbed by winter pressures',
        source: source('bed management', 'winter escalation log WE-2019'),
      },
    },
    {
      interventionId: FRAILTY,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordDecision',
        decision: 'scale',
        rationale: 'Extend to all medical wards',
        decidedOn: '2020-02-03',
      },
    },

    // 2. Structured medication review, led by a GP practice; value lands at the acute trust and the ICB.
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RegisterIntervention',
        interventionId: MEDS,
        title: 'Structured medication reviews for polypharmacy',
        leadOrganisationId: GP,
        pathway: 'medicines optimisation',
        method: 'Model for Improvement (PDSA)',
        lenses: lenses(true, true, false),
        strategicPriorities: ['prevention', 'reducing avoidable admissions'],
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordDecision',
        decision: 'approve',
        rationale: 'Primary care network agreement',
        decidedOn: '2019-05-01',
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordDecision',
        decision: 'start',
        rationale: 'Clinical pharmacist in post',
        decidedOn: '2019-06-01',
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordCost',
        costId: 'meds-pharmacist',
        costType: 'direct',
        category: 'clinical pharmacist time',
        amountPence: 3_600_000,
        financialYear: fy,
        bearerOrganisationId: GP,
        source: source('practice payroll', 'PR-2019-PH'),
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordCost',
        costId: 'meds-icb-support',
        costType: 'direct',
        category: 'medicines optimisation support',
        amountPence: 1_200_000,
        financialYear: fy,
        bearerOrganisationId: DEMO_SYSTEM,
        source: source('ledger', 'ICB MO-19-03'),
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordMeasurement',
        measurementId: 'meds-admissions',
        measure: 'emergency admissions, patients on 10+ medicines',
        unit: 'admissions',
        kind: 'outcome',
        value: 38,
        periodStart: '2019-06-01',
        periodEnd: '2020-03-31',
        source: source('SUS', 'admissions cohort MR-2019'),
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'meds-admissions-avoided',
        benefitType: 'cost-avoidance',
        lens: 'economic',
        description: 'Emergency admissions avoided at the acute trust',
        quantity: { value: 38, unit: 'admissions' },
        valuation: { method: 'unit-cost', unitCostId: 'non-elective-admission' },
        valuePence: 10_830_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: ['meds-admissions'],
        source: source('SUS', 'admissions cohort MR-2019'),
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'meds-prescribing',
        benefitType: 'cash-releasing',
        lens: 'economic',
        description: 'Lower prescribing spend',
        quantity: { value: 1, unit: 'year' },
        valuation: { method: 'actual' },
        valuePence: 2_150_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: DEMO_SYSTEM,
        evidence: [],
        source: source('ePACT2', 'prescribing cost analysis PCA-2019'),
      },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'meds-harm',
        benefitType: 'safety',
        lens: 'social',
        description: 'Fewer adverse drug events',
        quantity: { value: 12, unit: 'events' },
        valuation: { method: 'proxy' },
        valuePence: 1_000_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: GP,
        evidence: [],
        source: source('practice audit', 'ADE audit 2019'),
      },
    },
    {
      interventionId: MEDS,
      actor: finance(ACUTE),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'meds-admissions-avoided',
        validatedValuePence: 10_830_000,
        note: 'Cohort matched against SUS',
        source: source('SUS', 'cohort match CM-2019'),
      },
    },
    {
      interventionId: MEDS,
      actor: finance(DEMO_SYSTEM),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'meds-prescribing',
        validatedValuePence: 2_150_000,
        note: 'Agreed to ePACT2',
        source: source('ePACT2', 'prescribing cost statement 2019/20'),
      },
    },
    {
      interventionId: MEDS,
      actor: finance(GP),
      command: { type: 'RejectBenefit', benefitId: 'meds-harm', reason: 'Audit sample too small to value' },
    },
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'RecordDecision',
        decision: 'spread',
        rationale: 'Offered to the other practices in the network',
        decidedOn: '2020-03-02',
      },
    },
    // a claim finance has not looked at yet: the acute trust's (and the practice's) validation queue has work in it
    {
      interventionId: MEDS,
      actor: contributor(GP),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'meds-outpatient-follow-ups',
        benefitType: 'cost-avoidance',
        lens: 'economic',
        description: 'Outpatient follow-ups avoided at the acute trust',
        quantity: { value: 45, unit: 'appointments' },
        valuation: { method: 'actual' },
        valuePence: 675_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: ['meds-admissions'],
        source: source('SUS', 'outpatient follow-up cohort OF-2019/20'),
      },
    },

    // 3. Theatre scheduling with an industry partner bearing most of the cost.
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'RegisterIntervention',
        interventionId: THEATRES,
        title: 'Theatre scheduling and session utilisation',
        leadOrganisationId: ACUTE,
        pathway: 'elective surgery',
        method: 'Scheduling software with Lean huddles',
        lenses: lenses(true, false, true),
        strategicPriorities: ['elective recovery'],
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordDecision',
        decision: 'approve',
        rationale: 'Joint working agreement with Flowline Systems',
        decidedOn: '2019-07-01',
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordDecision',
        decision: 'start',
        rationale: 'Live in main theatres',
        decidedOn: '2019-09-01',
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordCost',
        costId: 'theatres-software',
        costType: 'direct',
        category: 'software and implementation',
        amountPence: 6_000_000,
        financialYear: fy,
        bearerOrganisationId: INDUSTRY,
        source: source('joint working agreement', 'JWA-2019-04 schedule 2'),
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'RecordCost',
        costId: 'theatres-staff-time',
        costType: 'indirect',
        category: 'theatre staff training time',
        amountPence: 1_500_000,
        financialYear: fy,
        bearerOrganisationId: ACUTE,
        source: source('e-rostering', 'theatres training 2019'),
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'ClaimBenefit',
        benefitId: 'theatres-sessions',
        benefitType: 'capacity',
        lens: 'economic',
        description: 'Theatre sessions released by better utilisation',
        quantity: { value: 90, unit: 'sessions' },
        valuation: { method: 'unit-cost', unitCostId: 'theatre-session' },
        valuePence: 58_500_000,
        recurrence: 'recurrent',
        financialYear: fy,
        landingOrganisationId: ACUTE,
        evidence: [],
        source: source('theatre system', 'utilisation report TU-2019'),
      },
    },
    {
      interventionId: THEATRES,
      actor: finance(ACUTE),
      command: {
        type: 'ValidateBenefit',
        benefitId: 'theatres-sessions',
        validatedValuePence: 50_000_000,
        note: 'Sessions verified; valued net of consumables',
        source: source('theatre system', 'session audit SA-2019'),
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'ReleaseCapacity',
        releaseId: 'theatres-2019',
        benefitId: 'theatres-sessions',
        resource: 'theatre-sessions',
        quantity: 90,
        landingOrganisationId: ACUTE,
        financialYear: fy,
        source: source('theatre system', 'utilisation report TU-2019'),
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'HarvestCapacity',
        releaseId: 'theatres-2019',
        harvest: 'reinvest',
        quantity: 90,
        rationale: 'Waiting list initiative',
        source: source('theatre system', 'session plan SP-2019/20'),
      },
    },
    {
      interventionId: THEATRES,
      actor: contributor(ACUTE),
      command: {
        type: 'ReinvestCapacity',
        releaseId: 'theatres-2019',
        quantity: 60,
        into: { description: 'Orthopaedic waiting list sessions', organisationId: ACUTE },
        valuePence: 33_000_000,
        source: source('theatre system', 'waiting list sessions WL-2019/20'),
      },
    },
  ];
}

/** What a user should see after the demo (checked by the demo test). */
export const DEMO_EXPECTED = {
  // bed-days: £138,000.00 released as cash, £207,000.00 reinvested; 150 left unharvested and 50 undecided are not realised
  [FRAILTY]: {
    totalCostPence: 24_750_000,
    validatedPence: 62_400_000,
    netValuePence: 37_650_000,
    perPound: '£2.52 per £1',
    realisedPence: 55_500_000,
    realisedPerPound: '£2.24 per £1',
  },
  [MEDS]: {
    totalCostPence: 4_800_000,
    validatedPence: 12_980_000,
    netValuePence: 8_180_000,
    perPound: '£2.70 per £1',
    realisedPence: 12_980_000,
    realisedPerPound: '£2.70 per £1',
  },
  // sessions: 60 reinvested at £330,000.00 and 30 awaiting reinvestment at the validated unit value
  [THEATRES]: {
    totalCostPence: 7_500_000,
    validatedPence: 50_000_000,
    netValuePence: 42_500_000,
    perPound: '£6.67 per £1',
    realisedPence: 49_666_667,
    realisedPerPound: '£6.62 per £1',
  },
};
