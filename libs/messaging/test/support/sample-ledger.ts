import { ActorMetadata } from '@benefit-ledger/event-store';
import {
  CapacityHarvested,
  CapacityReinvested,
  CapacityReleased,
  CashReleased,
  MemberJoined,
  MemberLeft,
  NOTHING_REGISTERED,
  RestatementRecorded,
  discountProfile,
} from '@benefit-ledger/domain';
import { DataOf, LedgerWriter, interventionStream, partnershipStream } from '@benefit-ledger/testing';

/** Every private string the sample writes starts with this, so a test can look for any of them in what left. */
export const PRIVATE = 'PRIVATE-';

export const ORGS = { acute: 'acute-1', community: 'community-1', partner: 'partner-1' } as const;
export const INTERVENTION = 'discharge-1';
export const PARTNERSHIP = 'lean-1';
export const YEAR = '2024/25';

const contributor: ActorMetadata = { userId: 'jane.doe@acute.nhs.uk', organisationId: ORGS.acute, role: 'contributor' };
const finance = (organisationId: string): ActorMetadata => ({
  userId: `finance.person@${organisationId}.nhs.uk`,
  organisationId,
  role: 'finance',
});
const lead: ActorMetadata = { userId: 'pat.lead@acute.nhs.uk', organisationId: ORGS.acute, role: 'partnership-lead' };

/**
 * A small ledger with one event of every type the public contract covers, each free-text field written as a
 * recognisable private string and every actor a personal email. Ends with a partnership that attributes half of
 * the intervention's validated 2024/25 value, split 60 / 40. Returns the figures a statement should show.
 */
export async function writeSampleLedger(writer: LedgerWriter) {
  await writer.organisation(ORGS.acute, { name: 'Riverside Acute' });
  await writer.organisation(ORGS.community, { name: 'Riverside Community', type: 'community-trust' });
  await writer.organisation(ORGS.partner, { name: 'Lean Institute', type: 'improvement-partner' });
  await writer.intervention(INTERVENTION, ORGS.acute, { title: 'Discharge to assess' });
  await writer.append(
    interventionStream(INTERVENTION),
    'InterventionDecisionRecorded',
    { decision: 'approve', rationale: `${PRIVATE}rationale: Dr Smith agreed at board`, decidedOn: '2024-04-02' },
    contributor,
  );
  await writer.cost(INTERVENTION, {
    costId: 'c1',
    amountPence: 40_000_00,
    financialYear: YEAR,
    bearerOrganisationId: ORGS.acute,
  });
  await writer.measurement(INTERVENTION, 'm1');
  await writer.claim(INTERVENTION, {
    benefitId: 'b1',
    valuePence: 100_000_00,
    financialYear: YEAR,
    landingOrganisationId: ORGS.community,
    description: `${PRIVATE}description: patient J.B. went home early`,
  });
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitRevised',
    {
      benefitId: 'b1',
      quantity: { value: 2, unit: 'bed-days' },
      valuation: { method: 'actual' },
      valuePence: 100_000_00,
      reason: `${PRIVATE}reason: corrected after talking to nurse K`,
      source: { system: 'PAS', reference: 'r-2' },
    },
    contributor,
  );
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitValidated',
    {
      benefitId: 'b1',
      validatedValuePence: 100_000_00,
      note: `${PRIVATE}note: checked with A. Person`,
      validatedQuantity: 10,
      source: { system: 'ledger', reference: 'v-1' },
    },
    finance(ORGS.community),
  );
  await writer.claim(INTERVENTION, {
    benefitId: 'b2',
    valuePence: 5_000_00,
    financialYear: YEAR,
    landingOrganisationId: ORGS.acute,
  });
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitRejected',
    { benefitId: 'b2', reason: `${PRIVATE}reason: no evidence` },
    finance(ORGS.acute),
  );
  // a multi-year claim, discounted (Green Book), and a restatement of a closed year just before a change it explains
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitClaimed',
    {
      benefitId: 'b3',
      benefitType: 'cost-avoidance',
      lens: 'economic',
      description: `${PRIVATE}description: admissions avoided for Mr Y`,
      quantity: { value: 3, unit: 'admissions' },
      valuation: { method: 'actual' },
      valuePence: 9_000_00,
      recurrence: 'recurrent',
      financialYear: YEAR,
      landingOrganisationId: ORGS.acute,
      evidence: [],
      source: { system: 'SUS', reference: 's-3' },
      profile: discountProfile(YEAR, 9_000_00, {
        followingYears: [{ financialYear: '2025/26', valuePence: 9_000_00 }],
        discounting: { schedule: 'standard', optimismBiasBasisPoints: 1000 },
      }),
      register: {
        ...NOTHING_REGISTERED,
        owner: { role: 'Director of Operations', organisationId: ORGS.acute },
        risks: [{ description: `${PRIVATE}risk: Dr Q retires`, rating: 'high' }],
      },
    },
    contributor,
  );
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitRevised',
    {
      benefitId: 'b3',
      quantity: { value: 4, unit: 'admissions' },
      valuation: { method: 'actual' },
      valuePence: 12_000_00,
      reason: `${PRIVATE}reason: a fourth admission found by Dr Z`,
      source: { system: 'SUS', reference: 's-4' },
      profile: discountProfile(YEAR, 12_000_00, {
        followingYears: [{ financialYear: '2025/26', valuePence: 12_000_00 }],
        discounting: { schedule: 'health', optimismBiasBasisPoints: 0 },
      }),
      register: { ...NOTHING_REGISTERED, timing: { firstYear: YEAR, durationYears: 2 } },
    },
    contributor,
  );
  await writer.append(
    interventionStream(INTERVENTION),
    'BenefitActualRecorded',
    {
      benefitId: 'b1',
      financialYear: YEAR,
      valuePence: 90_000_00,
      quantity: { value: 9, unit: 'bed-days' },
      source: { system: 'ledger', reference: 'a-1' },
    },
    finance(ORGS.community),
  );
  const restated: DataOf<RestatementRecorded> = {
    financialYear: YEAR,
    reason: `${PRIVATE}reason: late invoice from Dr Who`,
    organisationIds: [ORGS.acute],
    closes: [{ scope: 'system', position: 1, sealPosition: 1, root: '0'.repeat(64) }],
    changes: [{ eventId: '00000000-0000-4000-8000-000000000000', type: 'CostRecorded' }],
  };
  await writer.append(interventionStream(INTERVENTION), 'RestatementRecorded', restated, finance(ORGS.acute));
  const released: DataOf<CapacityReleased> = {
    releaseId: 'r1',
    benefitId: 'b1',
    resource: 'bed-days',
    quantity: 10,
    landingOrganisationId: ORGS.community,
    financialYear: YEAR,
    source: { system: 'bed management', reference: 'bs-1' },
  };
  await writer.append(interventionStream(INTERVENTION), 'CapacityReleased', released, contributor);
  const harvested: DataOf<CapacityHarvested> = {
    releaseId: 'r1',
    harvest: 'cash-release',
    quantity: 4,
    rationale: `${PRIVATE}rationale: ward closed`,
    source: { system: 'ledger', reference: 'ec-1' },
  };
  await writer.append(interventionStream(INTERVENTION), 'CapacityHarvested', harvested, finance(ORGS.community));
  const cash: DataOf<CashReleased> = {
    releaseId: 'r1',
    amountPence: 2_000_00,
    budgetLine: 'BL-42',
    source: { system: 'ledger', reference: 'bv-1' },
  };
  await writer.append(interventionStream(INTERVENTION), 'CashReleased', cash, finance(ORGS.community));
  await writer.append(
    interventionStream(INTERVENTION),
    'CapacityHarvested',
    {
      releaseId: 'r1',
      harvest: 'reinvest',
      quantity: 6,
      rationale: `${PRIVATE}rationale: more clinics`,
      source: { system: 'ledger', reference: 'ec-2' },
    },
    finance(ORGS.community),
  );
  const reinvested: DataOf<CapacityReinvested> = {
    releaseId: 'r1',
    quantity: 6,
    into: { description: `${PRIVATE}description: Mrs X's clinic`, organisationId: ORGS.community },
    valuePence: 3_000_00,
    source: { system: 'PAS', reference: 'act-1' },
  };
  await writer.append(interventionStream(INTERVENTION), 'CapacityReinvested', reinvested, finance(ORGS.community));

  await writer.partnership(
    PARTNERSHIP,
    [
      { organisationId: ORGS.acute, role: 'lead' },
      { organisationId: ORGS.partner, role: 'partner' },
    ],
    'Lean partnership',
  );
  const joined: DataOf<MemberJoined> = { organisationId: ORGS.community, role: 'member' };
  await writer.append(partnershipStream(PARTNERSHIP), 'MemberJoined', joined, lead);
  const left: DataOf<MemberLeft> = { organisationId: ORGS.community, reason: `${PRIVATE}reason: their director left` };
  await writer.append(partnershipStream(PARTNERSHIP), 'MemberLeft', left, lead);
  await writer.agreement(PARTNERSHIP, {
    version: 1,
    shares: [
      { organisationId: ORGS.acute, basisPoints: 6000 },
      { organisationId: ORGS.partner, basisPoints: 4000 },
    ],
    benefitTypes: ['capacity'],
    effectiveFrom: YEAR,
  });
  await writer.enrol(PARTNERSHIP, INTERVENTION, 5000);
  await writer.partnershipCost(PARTNERSHIP, {
    costId: 'pc1',
    amountPence: 10_000_00,
    financialYear: YEAR,
    bearerOrganisationId: ORGS.acute,
  });
  return {
    statementKey: `${PARTNERSHIP}|${YEAR}`,
    attributedPence: 50_000_00,
    members: { [ORGS.acute]: 30_000_00, [ORGS.partner]: 20_000_00 },
    costsPence: 10_000_00,
  };
}

/** Another validated benefit for the partnership's enrolled intervention: the attributed value changes. */
export async function validateMore(writer: LedgerWriter, benefitId: string, valuePence: number) {
  await writer.claim(INTERVENTION, {
    benefitId,
    valuePence,
    financialYear: YEAR,
    landingOrganisationId: ORGS.community,
  });
  await writer.validate(INTERVENTION, benefitId, valuePence, ORGS.community);
}
