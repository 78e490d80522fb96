import { Decider, DomainEvent } from './decider';
import { ruleViolated } from './domain-error';
import { formatPounds } from './money';

/**
 * The most one money figure may hold: £1bn (10^11 pence). The largest NHS trusts spend about £2–3bn a year in
 * total, so no single cost, claim, validation, cash release or report line of one improvement comes near it; a
 * figure above it is a typing or integration error, and refusing it keeps every total far from the edge of exact
 * arithmetic.
 */
export const MAX_PENCE_PER_FIGURE = 100_000_000_000;

/**
 * The most all the money figures of one ledger may add up to: 2^53 − 1 pence (about £90 trillion, some 450 years of
 * the whole NHS budget). Every total the ledger reports (an organisation's, a system's, a partnership's, a
 * reconciliation's) adds a subset of those figures, so while their sum stays within this ceiling no total can
 * leave JavaScript's exact integer range. A command that would take the sum past it is refused before it is
 * appended (LedgerMoneyGuard in the application).
 */
export const LEDGER_MONEY_CEILING = Number.MAX_SAFE_INTEGER;

/** A money field: any field of an event's data whose name ends in `Pence`, at any depth. */
const isMoneyField = (key: string) => key.endsWith('Pence');

export interface MoneyFigure {
  path: string;
  value: unknown;
}

/** Every money field of an event's data with its path (e.g. `lines[2].amountPence`); iterative, so no depth can overflow the stack. */
export function moneyFiguresOf(data: unknown): MoneyFigure[] {
  const figures: MoneyFigure[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: data, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, path: `${path}[${i}]` }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (isMoneyField(key) && (child === null || typeof child !== 'object'))
          figures.push({ path: childPath, value: child });
        else pending.push({ value: child, path: childPath });
      }
    }
  }
  return figures;
}

/** Why a money figure cannot be recorded, or null when it can: whole, not negative, within the ceiling. */
export function figureProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    return 'is not a whole, non-negative number of pence';
  if (value > MAX_PENCE_PER_FIGURE)
    return `exceeds the ceiling of ${formatPounds(MAX_PENCE_PER_FIGURE)} (${MAX_PENCE_PER_FIGURE} pence) per figure`;
  return null;
}

/**
 * The sum of the money figures in these events' data that can enter a total, exactly: those that are whole pence
 * within the ceiling. The projections leave an event with any other figure out of every total (unfolded_events).
 */
export function moneyIn(events: readonly { data: unknown }[]): bigint {
  let total = 0n;
  for (const event of events) {
    for (const { value } of moneyFiguresOf(event.data))
      if (typeof value === 'number' && figureProblem(value) === null) total += BigInt(value);
  }
  return total;
}

/**
 * Refuses (422, `money-ceiling`) events carrying a figure beyond the ceiling: the message names every such field,
 * `field` the most specific one (a report's line rather than the total it breaks).
 */
export function refuseFiguresBeyondCeiling(events: readonly DomainEvent[]): void {
  const problems = events.flatMap((event) =>
    moneyFiguresOf(event.data).flatMap(({ path, value }) => {
      const problem = figureProblem(value);
      return problem ? [{ path, text: `${path} (${String(value)}) ${problem}` }] : [];
    }),
  );
  if (problems.length === 0) return;
  const depth = (path: string) => path.split(/[.[]/).length;
  const mostSpecific = problems.reduce((best, p) => (depth(p.path) > depth(best.path) ? p : best));
  throw ruleViolated('money-ceiling', problems.map((p) => p.text).join('; '), mostSpecific.path);
}

/**
 * The same decider, refusing any decision whose events would record a money figure beyond the ceiling: one rule
 * for every kind of stream, checked on what would be appended (computed values such as a valuation included).
 */
export function withMoneyCeiling<C, E extends DomainEvent, S>(decider: Decider<C, E, S>): Decider<C, E, S> {
  return {
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, event),
    decide(command, state) {
      const events = decider.decide(command, state);
      refuseFiguresBeyondCeiling(events);
      return events;
    },
  };
}
