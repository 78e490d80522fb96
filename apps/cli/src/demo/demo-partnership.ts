import { Actor, PartnershipCommand } from '@benefit-ledger/domain';
import { partnershipLead as leadOf } from '@benefit-ledger/testing';
import { ACUTE, DEMO_SYSTEM } from './demo-organisations';

/** One partnership command, by whom. */
export interface DemoPartnershipStep {
  partnershipId: string;
  actor: Actor;
  command: PartnershipCommand;
}

export const DEMO_PARTNERSHIP = 'riverside-lean-care';
const IMPROVEMENT_PARTNER = 'lean-care-institute';

/** The same person the generated ledgers name as a partnership lead (@benefit-ledger/testing). */
const partnershipLead: Actor = leadOf(ACUTE);
const source = (system: string, reference: string) => ({ system, reference, extractedOn: '2020-05-14' });

/**
 * The acute trust's improvement partnership with the Lean Care Institute, the ICB a member: an agreement
 * for 2019/20 sharing attributed value 60 / 25 / 15, two of the demo's interventions enrolled (frailty in full,
 * theatres at half) and what taking part in the programme cost in 2019/20. Runs after the intervention steps.
 */
export function demoPartnershipSteps(): DemoPartnershipStep[] {
  const fy = '2019/20';
  const step = (command: PartnershipCommand): DemoPartnershipStep => ({
    partnershipId: DEMO_PARTNERSHIP,
    actor: partnershipLead,
    command,
  });
  return [
    step({
      type: 'FormPartnership',
      partnershipId: DEMO_PARTNERSHIP,
      name: 'Riverside–Lean Care improvement partnership',
      members: [
        { organisationId: ACUTE, role: 'lead' },
        { organisationId: IMPROVEMENT_PARTNER, role: 'partner' },
        { organisationId: DEMO_SYSTEM, role: 'member' },
      ],
    }),
    step({
      type: 'SetAttributionAgreement',
      effectiveFrom: fy,
      shares: [
        { organisationId: ACUTE, basisPoints: 6000 },
        { organisationId: IMPROVEMENT_PARTNER, basisPoints: 2500 },
        { organisationId: DEMO_SYSTEM, basisPoints: 1500 },
      ],
      benefitTypes: ['capacity', 'cost-avoidance', 'cash-releasing', 'workforce'],
    }),
    step({ type: 'EnrolIntervention', interventionId: 'frailty-discharge-to-assess', attributionBasisPoints: 10_000 }),
    step({ type: 'EnrolIntervention', interventionId: 'theatre-scheduling', attributionBasisPoints: 5_000 }),
    step({
      type: 'RecordPartnershipCost',
      costId: 'partnership-coaching-2019',
      costType: 'direct',
      category: 'improvement coaching and training',
      amountPence: 2_400_000,
      financialYear: fy,
      bearerOrganisationId: ACUTE,
      source: source('ledger', 'GL 4415 partnership programme fees'),
    }),
    step({
      type: 'RecordPartnershipCost',
      costId: 'partnership-icb-contribution-2019',
      costType: 'indirect',
      category: 'programme contribution',
      amountPence: 600_000,
      financialYear: fy,
      bearerOrganisationId: DEMO_SYSTEM,
      source: source('ledger', 'ICB transformation fund TF-19-11'),
    }),
  ];
}
