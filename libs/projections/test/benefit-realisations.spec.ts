import { readLog, tempLedger, writeSeededLedger } from '@benefit-ledger/testing';
import { join } from 'node:path';
import {
  BulkLoad,
  DerivedReadModels,
  FACT_FREE_TYPES,
  ROW_FACT_TABLES,
  ROW_FACT_TYPES,
  ReadModelQueries,
  ReadModelTable,
  WHOLE_TRACE,
  combineDigest,
  provenanceFileOf,
  rebuildReadModels,
  tablesIn,
} from '../src';
import { REALISATION_INPUTS } from '../src/benefit-realisations';
import { rebuildProvenance } from '../src/rebuild/provenance-rebuild';
import { collectFigures } from './support/figures';
import { tableDigest } from '../src/digests';
import { FigureBook } from '../src/queries/figure-book';
import { Cutoff } from '../src/queries/query-basis';
import { benefitsThreeWaysSummed } from '../src/queries/benefits-summed';
import { BenefitScope, benefitsThreeWays } from '../src/queries/benefits-three-ways';
import { addThreeWays } from '../src/queries/value-three-ways';

jest.setTimeout(300_000);

/**
 * benefit_realisations (benefit-realisations.ts) on a seeded ledger of a few thousand events on real SQLite files:
 * the live fold and a rebuild derive the same rows; and at cutoffs all through the log, the three ways summed from
 * it (benefitsThreeWaysSummed, what every answer reads) are, to the penny, those of every benefit realised one by
 * one from its releases and movements (benefitsThreeWays, what a trace reads), for the system, a year, and
 * organisations; and a trace of each of their figures pages the terms addThreeWays makes, adding up to the figure.
 */
describe('benefit realisations, derived and versioned', () => {
  it('are the same live and rebuilt, and sum at any cutoff to what each benefit realised', async () => {
    const ledger = tempLedger();
    try {
      await writeSeededLedger(ledger.store, { events: 6_000, seed: 'realisations-1', batchMonths: 1 });
      const log = await readLog(ledger.store);
      // live: the projector's path, a few events at a time
      for (let i = 0; i < log.length; i += 37) ledger.readModels.apply(log.slice(i, i + 37));
      const rebuilt = ledger.openReadModels('rebuilt.sqlite');
      await rebuildReadModels(ledger.store, rebuilt);
      const rows = (db: typeof rebuilt.db) =>
        (db.prepare('SELECT COUNT(*) AS n FROM benefit_realisations').get() as { n: number }).n;
      expect(rows(rebuilt.db)).toBeGreaterThan(50);
      expect(tableDigest(ledger.readModels.db, 'benefit_realisations', null)).toBe(
        tableDigest(rebuilt.db, 'benefit_realisations', null),
      );
      expect(ledger.readModels.digest()).toBe(rebuilt.digest());

      const db = rebuilt.db;
      const capacityEvents = db
        .prepare(
          `SELECT position FROM capacity_movements UNION SELECT position FROM capacity_releases
           UNION SELECT position FROM validated_benefits WHERE benefit_type = 'capacity' ORDER BY 1`,
        )
        .pluck()
        .all() as number[];
      const landing = db
        .prepare("SELECT DISTINCT landing_organisation_id FROM validated_benefits WHERE benefit_type = 'capacity'")
        .pluck()
        .all() as string[];
      const scopes: BenefitScope[] = [
        {},
        { financialYear: '2021/22' },
        ...landing.slice(0, 4).map((id) => ({ landingOrganisationId: id })),
        ...landing.slice(0, 2).map((id) => ({ landingOrganisationId: id, financialYear: '2020/21' })),
      ];
      // cutoffs at capacity events and just before them, spread over the log
      const step = Math.max(1, Math.floor(capacityEvents.length / 12));
      const cutoffs = capacityEvents
        .filter((_, i) => i % step === 0)
        .flatMap((p) => [p - 1, p])
        .concat([log.length]);
      let realisedSeen = 0;
      for (const upTo of cutoffs) {
        const cutoff: Cutoff = { asAt: null, upTo };
        for (const scope of scopes) {
          const figures = (summed: boolean) => {
            const book = new FigureBook(false);
            const benefits = (summed ? benefitsThreeWaysSummed : benefitsThreeWays)(db, cutoff, scope);
            addThreeWays(book, benefits, { pence: 0, terms: () => [], description: 'none' });
            return Object.fromEntries(book.keys().map((key) => [key, book.value(key)]));
          };
          const oneByOne = figures(false);
          expect({ upTo, scope, figures: figures(true) }).toEqual({ upTo, scope, figures: oneByOne });
          // capacity's own part of what was realised: cash released and reinvestments
          realisedSeen += oneByOne[JSON.stringify(['value', 'realised', 'part', 'cashReleasedPence'])] ?? 0;
        }
      }
      expect(realisedSeen).toBeGreaterThan(0);

      // paged traces of the three ways: each figure's benefits' terms are the ones addThreeWays makes, in its order;
      // net and ROI add up to the figure; a page is a slice of the whole
      const queries = new ReadModelQueries(rebuilt);
      const cutoff = queries.cutoff(null);
      const answers = [
        queries.systemFlows({ financialYear: '2021/22', cutoff }),
        queries.organisationValue({ organisationId: landing[0], financialYear: null, cutoff }),
      ];
      const scopes2: BenefitScope[] = [{ financialYear: '2021/22' }, { landingOrganisationId: landing[0] }];
      let traced = 0;
      answers.forEach((answer, i) => {
        const byBenefit = new FigureBook(true);
        addThreeWays(byBenefit, benefitsThreeWays(db, cutoff, scopes2[i]), {
          pence: 0,
          terms: () => [],
          description: 'none',
        });
        for (const figure of collectFigures({ value: answer.value, notRealised: answer.notRealised })) {
          const ref = queries.decode(figure.ref);
          const whole = queries.trace(ref, WHOLE_TRACE);
          const sum = whole.arithmetic.terms.reduce((total, t) => total + t.amount, 0);
          expect({ key: ref.key, total: whole.arithmetic.total, sum }).toEqual({
            key: ref.key,
            total: figure.value,
            sum: figure.value,
          });
          const head = JSON.parse(ref.key) as string[];
          if (head.length === 3 && (head[2] === 'net' || head[2] === 'roi')) continue;
          expect({ key: ref.key, terms: whole.arithmetic.terms }).toEqual({
            key: ref.key,
            terms: byBenefit.termsOf(ref.key),
          });
          const second = queries.trace(ref, { offset: 3, limit: 5 });
          expect(second.arithmetic.terms).toEqual(whole.arithmetic.terms.slice(3, 8));
          traced += 1;
        }
      });
      expect(traced).toBeGreaterThan(20);
    } finally {
      await ledger.close();
    }
  });

  it('are the same when a rebuild shares the work with its worker thread (both sides run here in turn)', async () => {
    const ledger = tempLedger();
    try {
      await writeSeededLedger(ledger.store, { events: 6_000, seed: 'realisations-2', batchMonths: 1 });
      const oneThread = ledger.openReadModels('one-thread.sqlite');
      const { digest } = await rebuildReadModels(ledger.store, oneThread); // under jest: no compiled worker
      const head = await ledger.store.headPosition();

      // the main thread's side: the facts both derived tables read, handed over in a staging file
      const figures = join(ledger.dir, 'shared.sqlite');
      const staging = `${figures}.staging`;
      const bulk = new BulkLoad({ figures });
      const sources: readonly ReadModelTable[] = [...DerivedReadModels.SOURCES, ...REALISATION_INPUTS];
      bulk.loadRowFactsFromSqliteLog(
        ledger.store.file,
        head,
        ROW_FACT_TABLES.filter((t) => sources.includes(t)),
      );
      bulk.buildDerived(['validated_benefits']);
      bulk.exportDerivationInputs(staging);
      // the worker's side: the provenance file, and the task taken up at its first poll
      let handed = false;
      const theirs = await rebuildProvenance(
        { ledgerFile: ledger.store.file, target: provenanceFileOf(figures), upTo: head },
        {
          poll: () => (handed ? undefined : ((handed = true), { staging })),
          next: () => Promise.reject(new Error('the task was handed over at the first poll')),
        },
        () => undefined,
      );
      // the main thread's side, to the end, without deriving benefit_realisations itself
      bulk.loadRowFactsFromSqliteLog(
        ledger.store.file,
        head,
        ROW_FACT_TABLES.filter((t) => !sources.includes(t)),
      );
      const log = await readLog(ledger.store);
      bulk.apply(log.filter((e) => !FACT_FREE_TYPES.includes(e.type) && !ROW_FACT_TYPES.includes(e.type)));
      bulk.indexEventTables(head, true);
      const mine = bulk.digests(tablesIn('figures').filter((t) => t !== 'flow_parts'));
      bulk.copyDerivedFrom(staging);
      Object.assign(mine, bulk.digests(['flow_parts']));
      bulk.close();

      expect(combineDigest({ figures: head, provenance: head }, { ...mine, ...theirs.digests })).toBe(digest);
      const shared = ledger.openReadModels('shared.sqlite');
      const count = (db: typeof shared.db) =>
        (db.prepare('SELECT COUNT(*) AS n FROM benefit_realisations').get() as { n: number }).n;
      expect(count(shared.db)).toBeGreaterThan(50);
      expect(count(shared.db)).toBe(count(oneThread.db));
      expect(tableDigest(shared.db, 'benefit_realisations', null)).toBe(
        tableDigest(oneThread.db, 'benefit_realisations', null),
      );
    } finally {
      await ledger.close();
    }
  });
});
