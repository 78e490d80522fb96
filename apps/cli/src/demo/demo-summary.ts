import {
  InterventionEvent,
  fold,
  formatPounds,
  fromHundredths,
  interventionDecider,
  interventionStreamId,
  interventionValue,
} from '@benefit-ledger/domain';
import { EventStore } from '@benefit-ledger/event-store';

/**
 * What a new user should see first after the demo: each intervention's costs and its return per £1 claimed, validated
 * and realised, and what became of its released capacity (harvested as cash, reinvested, left unharvested, undecided),
 * from the same arithmetic as GET /interventions/:id/value.
 */
export async function demoSummary(store: EventStore, interventionIds: readonly string[]): Promise<string[]> {
  const lines = ['the interventions, three ways (costs; return per £1 claimed / validated / realised):'];
  for (const id of interventionIds) {
    const events = await store.readStreamOf<InterventionEvent>(interventionStreamId(id));
    const state = fold(interventionDecider, events);
    const value = interventionValue(state);
    const roi = (way: 'claimed' | 'validated' | 'realised') =>
      value.value[way].roi?.perPound.replace(' per £1', '') ?? 'no costs';
    lines.push(
      `  ${id}: ${formatPounds(value.costs.totalPence)}; ${roi('claimed')} / ${roi('validated')} / ${roi('realised')} per £1`,
    );
    for (const benefit of [...state.benefits.values()].filter(
      (x) => x.benefitType === 'capacity' && x.status === 'validated',
    )) {
      const releases = [...state.releases.values()].filter((r) => r.benefitId === benefit.benefitId);
      const sum = (measure: (r: (typeof releases)[number]) => number) =>
        fromHundredths(releases.reduce((t, r) => t + measure(r), 0));
      const cash = releases.reduce((t, r) => t + r.cashReleasedPence, 0);
      const undecided = fromHundredths(
        (benefit.validatedQuantity ?? 0) -
          releases.reduce(
            (t, r) => t + r.harvested['cash-release'] + r.harvested.reinvest + r.harvested.unharvested,
            0,
          ),
      );
      lines.push(
        `    ${benefit.benefitId}: ${sum((r) => r.harvested['cash-release'])} ${benefit.unit} harvested as cash (${formatPounds(cash)} released), ` +
          `${sum((r) => r.harvested.reinvest)} for reinvestment (${sum((r) => r.reinvested)} reinvested), ${sum((r) => r.harvested.unharvested)} left unharvested, ${undecided} undecided`,
      );
    }
  }
  lines.push(
    '  realised counts capacity only as far as it was released as cash or reinvested (docs/value-and-realisation.md)',
  );
  return lines;
}
