import { ruleViolated } from '../shared/domain-error';
import { FinancialYear, financialYearAfter } from '../shared/financial-year';
import { RestatedClose, RestatementRecorded } from './period.events';
import { describeScope, scopeCovers } from './period.state';

/**
 * What a command would change in the reported figures of a financial year: the year (and, for an
 * attribution agreement in force from then on, every later year) and the organisations whose figures change.
 * Each kind of stream says this of its commands (intervention.period-effects.ts, partnership.period-effects.ts).
 */
export interface PeriodEffect {
  financialYear: FinancialYear;
  andLaterYears: boolean;
  organisationIds: string[];
  /** The change in words, for the refusal: e.g. "a 2019/20 cost of intervention 'x'". */
  what: string;
}

/** A close as the edge reads it from a period stream: the PeriodClosed event's position and its seal. */
export interface ClosedPeriod extends RestatedClose {
  financialYear: FinancialYear;
  closedAt: string;
}

/** The years whose period streams must be read to judge these effects, up to the current year. */
export function yearsAffected(effects: readonly PeriodEffect[], currentYear: FinancialYear): FinancialYear[] {
  const years = new Set<FinancialYear>();
  for (const effect of effects) {
    years.add(effect.financialYear);
    if (!effect.andLaterYears) continue;
    for (let y = effect.financialYear; y < currentYear;) years.add((y = financialYearAfter(y)));
  }
  return [...years].sort();
}

/**
 * The period lock (docs/periods-and-audit.md): a change to a closed year's figures is refused (422 `period-closed`, naming the
 * year and the close) unless it is a restatement with a reason. A restatement is recorded as one
 * RestatementRecorded per closed year it changes, to be appended in the same append just before the change.
 * A restatement of figures that no close covers is refused too (`restatement-not-needed`): it would record
 * a correction of something never closed.
 */
export function restatementsFor(
  effects: readonly PeriodEffect[],
  closes: readonly ClosedPeriod[],
  restatement: { reason: string } | undefined,
  changes: { eventId: string; type: string }[],
): RestatementRecorded[] {
  const hits = new Map<FinancialYear, { closes: ClosedPeriod[]; organisationIds: Set<string>; what: string }>();
  for (const effect of effects) {
    for (const close of closes) {
      const year = close.financialYear;
      const inYears = year === effect.financialYear || (effect.andLaterYears && year > effect.financialYear);
      if (!inYears || !scopeCovers(close.scope, effect.organisationIds)) continue;
      const hit = hits.get(year) ?? { closes: [], organisationIds: new Set<string>(), what: effect.what };
      if (!hit.closes.includes(close)) hit.closes.push(close);
      effect.organisationIds.forEach((o) => hit.organisationIds.add(o));
      hits.set(year, hit);
    }
  }
  if (hits.size === 0) {
    if (restatement) {
      throw ruleViolated(
        'restatement-not-needed',
        'this change touches no closed financial year: record it without a restatement (remove restatement from the request)',
        'restatement',
      );
    }
    return [];
  }
  if (!restatement) {
    const [year, hit] = [...hits.entries()].sort(([a], [b]) => (a < b ? -1 : 1))[0];
    const close = hit.closes[0];
    throw ruleViolated(
      'period-closed',
      `${year} is closed for ${describeScope(close.scope)} (closed ${close.closedAt}, PeriodClosed at position ${close.position}, seal root ${close.root.slice(0, 12)}…): ` +
        `${hit.what} would change its closed figures. Record it as a restatement, with a reason ("restatement": {"reason": "…"}): ` +
        "finance's to record (on a partnership, its partnership-lead's).",
    );
  }
  return [...hits.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([financialYear, hit]) => ({
      type: 'RestatementRecorded',
      data: {
        financialYear,
        reason: restatement.reason,
        closes: hit.closes.map(({ scope, position, sealPosition, root }) => ({ scope, position, sealPosition, root })),
        organisationIds: [...hit.organisationIds].sort(),
        changes,
      },
    }));
}
