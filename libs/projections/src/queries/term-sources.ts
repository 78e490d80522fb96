import Database from 'better-sqlite3';
import { formatPounds } from '@benefit-ledger/domain';
import { NO_RECORDED_INVESTMENT } from '../flow-parts';
import { FigureBook, Term } from './figure-book';
import { Cutoff, cutoffParams, validAt, within } from './query-basis';
import { BenefitFilter, CostFilter, costsFrom, validatedBenefitsFrom } from './read-model-reads';

/**
 * The terms one figure is the sum of, read on demand: `summary` is the figure (Σ amount, by SQL) and how many
 * terms make it; `page` lists terms offset..offset+limit in a fixed order. So a trace of a figure made of tens of
 * thousands of terms answers its total and one page, without computing the rest.
 */
export interface TermSource {
  summary(): { value: number; count: number };
  page(offset: number, limit: number): Term[];
}

interface Summary {
  value: number;
  count: number;
}

/** Validated benefits as terms (+ their validated value): the claim and the validation behind each. */
export function benefitTerms(db: Database.Database, cutoff: Cutoff, filter: BenefitFilter): TermSource {
  const query = validatedBenefitsFrom(cutoff, filter);
  return {
    summary: () =>
      db
        .prepare(
          `SELECT COALESCE(SUM(vb.validated_value_pence), 0) AS value, COUNT(*) AS count FROM ${query.from} WHERE ${query.where}`,
        )
        .get(query.params) as Summary,
    page: (offset, limit) =>
      (
        db
          .prepare(
            `SELECT vb.intervention_id, vb.benefit_id, vb.benefit_type, vb.lens, vb.recurrence, vb.validated_value_pence AS v,
        vb.claim_position AS claim, vb.position AS decision FROM ${query.from} WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT @limit OFFSET @offset`,
          )
          .all({ ...query.params, limit, offset }) as {
          intervention_id: string;
          benefit_id: string;
          benefit_type: string;
          lens: string;
          recurrence: string;
          v: number;
          claim: number;
          decision: number;
        }[]
      ).map((benefit) => ({
        note: `benefit ${benefit.benefit_id} of ${benefit.intervention_id} (${benefit.benefit_type}, ${benefit.lens}, ${benefit.recurrence}) validated ${formatPounds(benefit.v)}`,
        amount: benefit.v,
        positions: [benefit.claim, benefit.decision],
      })),
  };
}

/** Costs as terms, added (sign 1) or taken away (sign -1). */
export function costTerms(db: Database.Database, cutoff: Cutoff, filter: CostFilter, sign: 1 | -1 = 1): TermSource {
  const query = costsFrom(cutoff, filter);
  return {
    summary: () => {
      const summary = db
        .prepare(
          `SELECT COALESCE(SUM(c.amount_pence), 0) AS value, COUNT(*) AS count FROM ${query.from} WHERE ${query.where}`,
        )
        .get(query.params) as Summary;
      return { value: sign * summary.value, count: summary.count };
    },
    page: (offset, limit) =>
      (
        db
          .prepare(
            `SELECT c.intervention_id, c.cost_type, c.financial_year, c.amount_pence, c.position FROM ${query.from} WHERE ${query.where}
        ORDER BY c.position LIMIT @limit OFFSET @offset`,
          )
          .all({ ...query.params, limit, offset }) as {
          intervention_id: string;
          cost_type: string;
          financial_year: string;
          amount_pence: number;
          position: number;
        }[]
      ).map((cost) => ({
        note: `cost borne for ${cost.intervention_id} (${cost.cost_type}, ${cost.financial_year}) ${formatPounds(cost.amount_pence)}`,
        amount: sign * cost.amount_pence,
        positions: [cost.position],
      })),
  };
}

export interface PartFilter {
  financialYear: string | null;
  from?: string;
  to?: string;
  crossOrganisation?: boolean;
}

/** Flow parts in force at the cutoff as terms: the claim, the validation and every cost behind the split. */
export function partTerms(db: Database.Database, cutoff: Cutoff, filter: PartFilter): TermSource {
  const where = [validAt('f')];
  if (filter.financialYear) where.push('f.financial_year = @financialYear');
  if (filter.from !== undefined) where.push('f.from_organisation_id = @from');
  if (filter.to !== undefined) where.push('f.to_organisation_id = @to');
  if (filter.crossOrganisation) where.push('f.from_organisation_id <> f.to_organisation_id');
  const params = {
    ...cutoffParams(cutoff),
    financialYear: filter.financialYear,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
  const sql = where.join(' AND ');
  // The key (financial_year, from, to, …) serves a year, or a year and an investor; name the index for the rest,
  // or the planner, without statistics, walks the whole year's key range.
  const index =
    filter.from === undefined
      ? filter.to === undefined
        ? ''
        : 'INDEXED BY flow_parts_to_organisation_id_financial_year'
      : filter.financialYear
        ? ''
        : 'INDEXED BY flow_parts_from_organisation_id_to_organisation_id_financial_year';
  return {
    summary: () =>
      db
        .prepare(`SELECT COALESCE(SUM(f.pence), 0) AS value, COUNT(*) AS count FROM flow_parts f ${index} WHERE ${sql}`)
        .get(params) as Summary,
    page: (offset, limit) => {
      // in flow_parts' key order: a range of the clustered table for any filter that names the year
      const rows = db
        .prepare(
          `SELECT f.*, b.benefit_type FROM flow_parts f ${index} CROSS JOIN benefits b INDEXED BY benefits_key
          ON b.intervention_id = f.intervention_id AND b.benefit_id = f.benefit_id
        WHERE ${sql} ORDER BY f.financial_year, f.from_organisation_id, f.to_organisation_id, f.intervention_id, f.benefit_id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit, offset }) as {
        intervention_id: string;
        benefit_id: string;
        benefit_type: string;
        financial_year: string;
        from_organisation_id: string;
        pence: number;
        validated_pence: number;
        bearer_cost_pence: number;
        total_cost_pence: number;
        claim_position: number;
        decision_position: number;
      }[];
      const costPositions = new Map<string, number[]>();
      const ids = [...new Set(rows.map((r) => r.intervention_id))];
      for (const cost of db
        .prepare(
          `SELECT c.intervention_id, c.position FROM json_each(@ids) j CROSS JOIN costs c ON c.intervention_id = j.value WHERE ${within('c')} ORDER BY c.position`,
        )
        .all({ ...cutoffParams(cutoff), ids: JSON.stringify(ids) }) as {
        intervention_id: string;
        position: number;
      }[]) {
        const own = costPositions.get(cost.intervention_id);
        if (own) own.push(cost.position);
        else costPositions.set(cost.intervention_id, [cost.position]);
      }
      return rows.map((row) => {
        const what = `benefit ${row.benefit_id} of ${row.intervention_id} (${row.benefit_type}, ${row.financial_year}) validated ${formatPounds(row.validated_pence)}`;
        return {
          note:
            row.from_organisation_id === NO_RECORDED_INVESTMENT
              ? `${what}: no costs recorded for the intervention`
              : `${what} × ${row.from_organisation_id}'s costs ${formatPounds(row.bearer_cost_pence)} / ${formatPounds(row.total_cost_pence)} = ${formatPounds(row.pence)} (largest remainder)`,
          amount: row.pence,
          positions: [row.claim_position, row.decision_position, ...(costPositions.get(row.intervention_id) ?? [])],
        };
      });
    },
  };
}

/** Several sources as one: the sum of their figures, their terms one after another. */
export function concatTerms(...sources: TermSource[]): TermSource {
  // a trace asks for the summary and then a page, which needs the counts again: one query each, in one read
  let summarised: Summary[] | undefined;
  const summaries = () => (summarised ??= sources.map((s) => s.summary()));
  return {
    summary: () =>
      summaries().reduce((a, s) => ({ value: a.value + s.value, count: a.count + s.count }), { value: 0, count: 0 }),
    page: (offset, limit) => {
      const terms: Term[] = [];
      const counts = summaries().map((s) => s.count);
      let skip = offset;
      for (let i = 0; i < sources.length && terms.length < limit; i++) {
        if (skip >= counts[i]) {
          skip -= counts[i];
          continue;
        }
        terms.push(...sources[i].page(skip, limit - terms.length));
        skip = 0;
      }
      return terms;
    },
  };
}

/** A figure computed in a FigureBook with its terms kept (small queries: capacity, attribution). */
export function bookTerms(book: FigureBook, key: string): TermSource {
  const terms = book.termsOf(key);
  return {
    summary: () => ({ value: book.value(key), count: terms.length }),
    page: (offset, limit) => terms.slice(offset, offset + limit),
  };
}
