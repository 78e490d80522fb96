import { toHundredths } from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { contributor, finance } from './actors';
import { fixedSource } from './calendar';
import { System } from './organisations';
import { Step } from './plan-types';

/**
 * Release validated capacity, then harvest it (cash, reinvest, unharvested), release cash and reinvest: the rules hold by construction
 * (cash and reinvestment values below the harvest's worth at the validated unit value, validatedPence ÷ quantity).
 */
export function planCapacity(
  rng: Prng,
  system: System,
  streamId: string,
  benefitId: string,
  resource: string,
  quantity: number,
  validatedPence: number,
  landing: string,
  fy: string,
  lead: string,
  validatedMonth: number,
): Step[] {
  const steps: Step[] = [];
  // what h hundredths are worth at the validated unit value, times a share below 1: never over the limit
  const worth = (hundredths: number, share: number) =>
    Math.floor(Number((BigInt(hundredths) * BigInt(validatedPence)) / BigInt(toHundredths(quantity))) * share);
  const total = Math.max(1, Math.floor(toHundredths(quantity) * rng.between(0.5, 1)));
  const releases = total >= 2 && rng.chance(0.3) ? [Math.floor(total / 2), total - Math.floor(total / 2)] : [total];
  const landingActor = () => (rng.chance(0.5) ? finance(landing) : contributor(landing));
  releases.forEach((releasedH, releaseIndex) => {
    const releaseId = `${benefitId}-r${releaseIndex + 1}`;
    const releaseMonth = validatedMonth + 1;
    steps.push({
      month: releaseMonth,
      streamId,
      stream: 'intervention',
      actor: contributor(lead),
      command: {
        type: 'ReleaseCapacity',
        releaseId,
        benefitId,
        resource,
        quantity: releasedH / 100,
        landingOrganisationId: landing,
        financialYear: fy,
        source: fixedSource('bed management', `${releaseId.slice(-14)}-release`),
      },
    });
    let cash = rng.chance(0.5) ? rng.between(0.1, 0.6) : 0;
    let reinvest = rng.chance(0.6) ? rng.between(0.1, 0.6) : 0;
    let unharvested = rng.chance(0.4) ? rng.between(0.05, 0.3) : 0;
    const sum = cash + reinvest + unharvested;
    if (sum > 1) {
      cash /= sum;
      reinvest /= sum;
      unharvested /= sum;
    }
    const cashH = Math.floor(releasedH * cash);
    const reinvestH = Math.floor(releasedH * reinvest);
    const unharvestedH = Math.floor(releasedH * unharvested);
    const harvestMonth = releaseMonth + rng.int(1, 3);
    const harvest = (kind: 'cash-release' | 'reinvest' | 'unharvested', hundredths: number, rationale: string) => {
      if (hundredths > 0)
        steps.push({
          month: harvestMonth,
          streamId,
          stream: 'intervention',
          actor: landingActor(),
          command: {
            type: 'HarvestCapacity',
            releaseId,
            harvest: kind,
            quantity: hundredths / 100,
            rationale,
            source: fixedSource('ledger', `${releaseId.slice(-14)}-${kind}`),
          },
        });
    };
    harvest('cash-release', cashH, 'Ward closed / sessions removed from the establishment');
    harvest('reinvest', reinvestH, 'Used for elective recovery');
    harvest('unharvested', unharvestedH, 'Absorbed by winter pressures');
    if (cashH > 0) {
      const amount = worth(cashH, rng.between(0.5, 0.9));
      const parts =
        rng.chance(0.3) && amount >= 2 ? [Math.floor(amount / 2), amount - Math.floor(amount / 2)] : [amount];
      for (const amountPence of parts.filter((p) => p > 0)) {
        steps.push({
          month: harvestMonth + rng.int(0, 2),
          streamId,
          stream: 'intervention',
          actor: finance(landing),
          command: {
            type: 'ReleaseCash',
            releaseId,
            amountPence,
            budgetLine: rng.pick([
              'Ward nursing establishment',
              'Theatre sessional budget',
              'Outpatient clinic budget',
              'Agency staffing line',
            ]),
            source: fixedSource('ledger', `${releaseId.slice(-14)}-virement`),
          },
        });
      }
    }
    if (reinvestH > 0) {
      const reinvestTotal = Math.floor(reinvestH * rng.between(0.7, 1));
      const parts =
        reinvestTotal >= 2 && rng.chance(0.4)
          ? [Math.floor(reinvestTotal / 2), reinvestTotal - Math.floor(reinvestTotal / 2)]
          : [reinvestTotal];
      for (const hundredths of parts.filter((p) => p > 0)) {
        const into = rng.chance(0.7) ? landing : rng.pick([...system.acute, ...system.community]).organisationId;
        steps.push({
          month: harvestMonth + rng.int(0, 3),
          streamId,
          stream: 'intervention',
          actor: landingActor(),
          command: {
            type: 'ReinvestCapacity',
            releaseId,
            quantity: hundredths / 100,
            into: {
              description: rng.pick([
                'Elective inpatient activity',
                'Waiting list sessions',
                'Same-day emergency care',
                'Community rehabilitation',
              ]),
              organisationId: into,
            },
            valuePence: rng.chance(0.7) ? worth(hundredths, rng.between(0.8, 1)) : null,
            source: fixedSource('PAS', `${releaseId.slice(-14)}-activity`),
          },
        });
      }
    }
  });
  return steps;
}
