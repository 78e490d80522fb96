import { BENEFIT_TYPES, PartnershipCommand, PartnershipMember, partnershipStreamId } from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { partnershipLead } from './actors';
import { LEDGER_MONTHS, fyOfMonth, source } from './calendar';
import { Org, System } from './organisations';
import { PartnershipPlan, Step, byMonth } from './plan-types';

/** `count` shares in basis points that sum to exactly 10000 (the first takes the rounding). */
function splitBasisPoints(rng: Prng, count: number): number[] {
  const weights = Array.from({ length: count }, () => rng.between(1, 4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((10_000 * w) / sum));
  shares[0] += 10_000 - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** Three partnerships per system, each led by one of its providers with an improvement partner and the ICB. */
export function planPartnerships(
  seed: string,
  systems: System[],
  improvement: Org[],
  industry: Org[],
): PartnershipPlan[] {
  const plans: PartnershipPlan[] = [];
  systems.forEach((system, systemIndex) => {
    const rng = new Prng(seed, 'partnership-leads', systemIndex);
    const leads = rng.sample([...system.acute, ...system.community], 3);
    leads.forEach((lead, leadIndex) => {
      const planIndex = plans.length;
      const planRng = new Prng(seed, 'partnership', planIndex);
      const partnershipId = `${lead.organisationId}-improvement-partnership-${leadIndex + 1}`;
      const partner = improvement[planIndex % improvement.length];
      const extras = planRng.sample(
        [...system.gp, ...system.localAuthority, ...system.mentalHealth, system.other[0]],
        planRng.int(0, 2),
      );
      const members: PartnershipMember[] = [
        { organisationId: lead.organisationId, role: 'lead' },
        { organisationId: partner.organisationId, role: 'partner' },
        { organisationId: system.icb.organisationId, role: 'member' },
        ...extras.map((o): PartnershipMember => ({ organisationId: o.organisationId, role: 'member' })),
      ];
      const formedMonth = planRng.int(0, 18);
      const streamId = partnershipStreamId(partnershipId);
      const actor = partnershipLead(lead.organisationId);
      const steps: Step[] = [];
      const step = (month: number, command: PartnershipCommand) =>
        steps.push({ month, streamId, stream: 'partnership', actor, command });
      const agreement = (month: number, memberIds: string[]) => {
        const shares = splitBasisPoints(planRng, memberIds.length);
        step(month, {
          type: 'SetAttributionAgreement',
          effectiveFrom: fyOfMonth(month),
          shares: memberIds.map((organisationId, i) => ({ organisationId, basisPoints: shares[i] })),
          benefitTypes: planRng.sample(BENEFIT_TYPES, planRng.int(3, 6)),
        });
      };
      step(formedMonth, {
        type: 'FormPartnership',
        partnershipId,
        name: `${lead.name.replace(/ NHS.*$/, '')}–${partner.name} improvement partnership`,
        members,
      });
      agreement(
        formedMonth,
        members.map((m) => m.organisationId),
      );
      if (planRng.chance(0.4)) {
        const j2 = formedMonth + planRng.int(12, 24);
        const joiner = planRng.pick(industry);
        step(j2, { type: 'JoinMember', organisationId: joiner.organisationId, role: 'partner' });
        agreement(j2, [...members.map((m) => m.organisationId), joiner.organisationId]);
      }
      for (let year = 0; year < LEDGER_MONTHS / 12; year++) {
        if (year * 12 + 11 < formedMonth) continue;
        const count = planRng.int(1, 2);
        for (let costIndex = 0; costIndex < count; costIndex++) {
          const month = Math.max(formedMonth, year * 12 + planRng.int(2, 11));
          const bearer = planRng.pick(members).organisationId;
          // the first cost of a year direct, any second indirect: no draw from the generator, so the rest is as it was
          step(month, {
            type: 'RecordPartnershipCost',
            costId: `${partnershipId}-cost-${year}-${costIndex + 1}`,
            costType: costIndex === 0 ? 'direct' : 'indirect',
            category: planRng.pick([
              'improvement coaching and training',
              'programme contribution',
              'faculty time',
              'measurement and evaluation',
            ]),
            amountPence: planRng.pence(200_000, 5_000_000),
            financialYear: fyOfMonth(year * 12 + 6),
            bearerOrganisationId: bearer,
            source: source(
              planRng,
              month,
              'ledger',
              `GL ${planRng.int(4400, 4499)} partnership programme ${year + 2019}`,
            ),
          });
        }
      }
      plans.push({ partnershipId, lead, members, formedMonth, steps: byMonth(steps) });
    });
  });
  return plans;
}
