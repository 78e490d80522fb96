import { readLog, tempLedger, writeSeededLedger } from '@benefit-ledger/testing';
import { ReadModelQueries } from '../src';
import { AnswerBasisCache } from '../src/queries/answer-basis';
import { collectFigures } from './support/figures';

jest.setTimeout(300_000);

/**
 * What an answer reads and a trace of its figures reads again (answer-basis.ts) is kept per answer basis — query,
 * parameters, cutoff position — and never across a new event: a trace through the kept basis is the trace read afresh,
 * and a trace after an append reflects it.
 */
describe('AnswerBasisCache', () => {
  const counting = () => {
    let reads = 0;
    return { read: () => ++reads, reads: () => reads };
  };

  it('keeps what an answer read for the traces at the same checkpoint, and an answer always reads afresh', () => {
    const cache = new AnswerBasisCache();
    const source = counting();
    expect(cache.forAnswer(10).remember('sums', source.read)).toBe(1);
    expect(cache.forTrace(10).remember('sums', source.read)).toBe(1);
    expect(cache.forTrace(10).remember('sums', source.read)).toBe(1);
    expect(source.reads()).toBe(1);
    // a repeated answer costs its SQL, and leaves its new reading
    expect(cache.forAnswer(10).remember('sums', source.read)).toBe(2);
    expect(cache.forTrace(10).remember('sums', source.read)).toBe(2);
    expect(source.reads()).toBe(2);
  });

  it('is emptied by any new checkpoint, so nothing is served across a new event', () => {
    const cache = new AnswerBasisCache();
    const source = counting();
    cache.forTrace(10).remember('sums', source.read);
    expect(cache.size).toBe(1);
    expect(cache.forTrace(11).remember('sums', source.read)).toBe(2);
    expect(cache.size).toBe(1);
    expect(source.reads()).toBe(2);
  });

  it('holds at most its capacity, dropping the least recently used', () => {
    const cache = new AnswerBasisCache(2);
    const basis = cache.forTrace(1);
    basis.remember('a', () => 'a1');
    basis.remember('b', () => 'b1');
    basis.remember('a', () => 'a2'); // a hit: a is now the most recent
    basis.remember('c', () => 'c1'); // b goes
    expect(cache.size).toBe(2);
    expect(basis.remember('a', () => 'a3')).toBe('a1');
    expect(basis.remember('b', () => 'b2')).toBe('b2');
  });
});

describe('traces through the kept answer basis (real SQLite log and read models)', () => {
  it('are the traces read afresh, figure for figure, for organisations and the system', async () => {
    const ledger = tempLedger();
    try {
      await writeSeededLedger(ledger.store, { events: 3_000, seed: 'answer-basis-1', batchMonths: 1 });
      ledger.readModels.apply(await readLog(ledger.store));
      const queries = new ReadModelQueries(ledger.readModels);
      const cutoff = queries.cutoff(null);
      const organisations = ledger.readModels.db
        .prepare('SELECT landing_organisation_id FROM validated_benefits GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 3')
        .pluck()
        .all() as string[];
      expect(organisations.length).toBeGreaterThan(0);
      const answers = [
        queries.systemFlows({ financialYear: null, cutoff }),
        queries.systemFlows({ financialYear: '2021/22', cutoff }),
        ...organisations.flatMap((organisationId) => [
          queries.organisationValue({ organisationId, financialYear: null, cutoff }),
          queries.organisationValue({ organisationId, financialYear: '2021/22', cutoff }),
        ]),
      ];
      let traced = 0;
      for (const answer of answers)
        for (const figure of collectFigures(answer)) {
          const ref = queries.decode(figure.ref);
          const kept = queries.trace(ref);
          // a new ReadModelQueries keeps nothing: every sum and count is read from SQL
          const afresh = new ReadModelQueries(ledger.readModels).trace(ref);
          expect({ key: ref.key, params: ref.params, trace: kept }).toEqual({
            key: ref.key,
            params: ref.params,
            trace: afresh,
          });
          expect(kept.arithmetic.total).toBe(figure.value);
          // paging through a figure reads the same kept counts: the second page follows the first
          if (kept.page.nextOffset !== null) {
            const next = queries.trace(ref, { offset: kept.page.nextOffset, limit: 100 });
            expect(next.page.offset).toBe(kept.page.nextOffset);
            expect(next.page.terms).toBe(kept.page.terms);
          }
          traced += 1;
        }
      expect(traced).toBeGreaterThan(100);
    } finally {
      await ledger.close();
    }
  });

  it('reflect an append: the new answer traces to the new figure and its event; the old reference stays pinned', async () => {
    const ledger = tempLedger();
    try {
      const { writer, readModels } = ledger;
      const catchUp = async () =>
        readModels.apply((await readLog(ledger.store)).filter((e) => e.position > readModels.checkpoint()));
      await writer.organisation('trust-a', { type: 'acute-trust' });
      await writer.intervention('int-1', 'trust-a');
      await writer.cost('int-1', {
        costId: 'c-1',
        amountPence: 40_000,
        financialYear: '2023/24',
        bearerOrganisationId: 'trust-a',
      });
      await writer.claim('int-1', {
        benefitId: 'b-1',
        benefitType: 'cash-releasing',
        valuePence: 100_000,
        financialYear: '2023/24',
        landingOrganisationId: 'trust-a',
      });
      await writer.validate('int-1', 'b-1', 90_000, 'trust-a');
      await catchUp();
      const queries = new ReadModelQueries(readModels);
      const params = { organisationId: 'trust-a', financialYear: null };
      const before = queries.organisationValue({ ...params, cutoff: queries.cutoff(null) });
      const validatedBefore = queries.decode(before.value.validated.totalPence.ref);
      const netBefore = queries.decode(before.value.validated.netPence.ref);
      expect(queries.trace(validatedBefore).arithmetic.total).toBe(90_000);
      expect(queries.trace(netBefore).arithmetic.total).toBe(50_000);
      const logLength = (await readLog(ledger.store)).length;

      await writer.claim('int-1', {
        benefitId: 'b-2',
        benefitType: 'cash-releasing',
        valuePence: 30_000,
        financialYear: '2023/24',
        landingOrganisationId: 'trust-a',
      });
      const validation = await writer.validate('int-1', 'b-2', 25_000, 'trust-a');
      await writer.cost('int-1', {
        costId: 'c-2',
        amountPence: 5_000,
        financialYear: '2023/24',
        bearerOrganisationId: 'trust-a',
      });
      await catchUp();
      expect((await readLog(ledger.store)).length).toBe(logLength + 3);

      const after = queries.organisationValue({ ...params, cutoff: queries.cutoff(null) });
      const validatedAfter = queries.trace(queries.decode(after.value.validated.totalPence.ref));
      expect(validatedAfter.arithmetic.total).toBe(115_000);
      expect(validatedAfter.page.terms).toBe(2);
      expect(validatedAfter.events.map((e) => e.position)).toContain(validation.position);
      const netAfter = queries.trace(queries.decode(after.value.validated.netPence.ref));
      expect(netAfter.arithmetic.total).toBe(115_000 - 45_000);
      expect(netAfter.page.terms).toBe(2 + 2);
      // the references taken before the append still trace the figures as they stood
      expect(queries.trace(validatedBefore).arithmetic.total).toBe(90_000);
      expect(queries.trace(validatedBefore).page.terms).toBe(1);
      expect(queries.trace(netBefore).arithmetic.total).toBe(50_000);
      expect(queries.trace(netBefore).page.terms).toBe(1 + 1);
    } finally {
      await ledger.close();
    }
  });
});
