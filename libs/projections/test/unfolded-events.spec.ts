import fc from 'fast-check';
import { MAX_PENCE_PER_FIGURE } from '@benefit-ledger/domain';
import { Projector, ReadModelQueries, rebuildReadModels } from '../src';
import { TempLedger, tempLedger } from '@benefit-ledger/testing';

/**
 * Stored events the figures cannot fold (a money figure beyond the ceiling per figure, written before the ceiling was
 * enforced): the projection never stops on them. Given such events in a real SQLite log, when the read models fold it
 * live and when they are rebuilt (SQLite making the row facts from the log), then both leave exactly those events out,
 * name them with the same reason, keep every other figure, and digest alike.
 */
const ACUTE = 'acute-a';
const COMMUNITY = 'community-b';
const BEYOND = Number.MAX_SAFE_INTEGER;

describe('events the figures cannot fold', () => {
  let ledger: TempLedger;
  beforeEach(() => {
    ledger = tempLedger();
  });
  afterEach(() => ledger.close());

  async function seedWithPoison(): Promise<number[]> {
    const { writer } = ledger;
    await writer.organisation(ACUTE, { type: 'acute-trust' });
    await writer.organisation(COMMUNITY, { type: 'community-trust' });
    await writer.intervention('int-1', ACUTE);
    await writer.cost('int-1', {
      costId: 'c-ok',
      amountPence: 100_000,
      financialYear: '2019/20',
      bearerOrganisationId: ACUTE,
    });
    const poisonCost = await writer.cost('int-1', {
      costId: 'c-huge',
      amountPence: BEYOND,
      financialYear: '2019/20',
      bearerOrganisationId: ACUTE,
    });
    await writer.claim('int-1', {
      benefitId: 'b-1',
      valuePence: 3_000_000,
      financialYear: '2019/20',
      landingOrganisationId: COMMUNITY,
    });
    const poisonValidation = await writer.validate('int-1', 'b-1', MAX_PENCE_PER_FIGURE + 1, COMMUNITY);
    await writer.claim('int-1', {
      benefitId: 'b-2',
      valuePence: 2_000_000,
      financialYear: '2019/20',
      landingOrganisationId: COMMUNITY,
    });
    await writer.validate('int-1', 'b-2', 1_500_000, COMMUNITY);
    await writer.partnership('p-1', [
      { organisationId: ACUTE, role: 'lead' },
      { organisationId: COMMUNITY, role: 'member' },
    ]);
    const poisonPartnershipCost = await writer.partnershipCost('p-1', {
      costId: 'pc-1',
      amountPence: 1.5,
      financialYear: '2019/20',
      bearerOrganisationId: ACUTE,
    });
    return [poisonCost.position, poisonValidation.position, poisonPartnershipCost.position];
  }

  it('leaves them out, names them by position with the reason, and the rest of the ledger answers', async () => {
    const poisoned = await seedWithPoison();
    const projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition(), {
      catchUpWhenStopped: true,
    });
    await projector.caughtUp();
    const queries = new ReadModelQueries(ledger.readModels);

    const unfolded = queries.unfoldedEvents();
    expect(unfolded.map((e) => e.position)).toEqual(poisoned);
    expect(unfolded.map((e) => [e.type, e.reason])).toEqual([
      [
        'CostRecorded',
        `amount_pence is not a whole number of pence from 0 to ${MAX_PENCE_PER_FIGURE} (the ceiling per figure)`,
      ],
      [
        'BenefitValidated',
        `validated_value_pence is not a whole number of pence from 0 to ${MAX_PENCE_PER_FIGURE} (the ceiling per figure)`,
      ],
      [
        'PartnershipCostRecorded',
        `amount_pence is not a whole number of pence from 0 to ${MAX_PENCE_PER_FIGURE} (the ceiling per figure)`,
      ],
    ]);
    const flows = queries.systemFlows({ financialYear: '2019/20', cutoff: queries.cutoff(null) });
    // only b-2 is validated in the figures; it flows from the one cost that was folded
    expect(flows.totals.validatedPence.pence).toBe(1_500_000);
    const invested = queries.organisationValue({
      organisationId: ACUTE,
      financialYear: '2019/20',
      cutoff: queries.cutoff(null),
    });
    expect(JSON.stringify(invested)).toContain('100000');
    expect(JSON.stringify(invested)).not.toContain(String(BEYOND));
  });

  it('a rebuild (SQLite making the row facts from the log) leaves out the same events and digests the same as the live fold', async () => {
    await seedWithPoison();
    const projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition(), {
      catchUpWhenStopped: true,
    });
    await projector.caughtUp();
    const live = ledger.readModels.digest();
    const liveUnfolded = new ReadModelQueries(ledger.readModels).unfoldedEvents();

    const rebuiltModels = ledger.openReadModels('rebuilt.sqlite');
    const rebuilt = await rebuildReadModels(ledger.store, rebuiltModels);
    expect(rebuilt.digest).toBe(live);
    expect(new ReadModelQueries(rebuiltModels).unfoldedEvents()).toEqual(liveUnfolded);
  });

  it('a ledger without such events, with figures at the ceiling, leaves nothing out', async () => {
    const { writer } = ledger;
    await writer.organisation(ACUTE, { type: 'acute-trust' });
    await writer.intervention('int-1', ACUTE);
    await writer.cost('int-1', {
      costId: 'c-top',
      amountPence: MAX_PENCE_PER_FIGURE,
      financialYear: '2019/20',
      bearerOrganisationId: ACUTE,
    });
    await writer.cost('int-1', {
      costId: 'c-zero',
      amountPence: 0,
      financialYear: '2019/20',
      bearerOrganisationId: ACUTE,
    });
    const projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition(), {
      catchUpWhenStopped: true,
    });
    await projector.caughtUp();
    expect(new ReadModelQueries(ledger.readModels).unfoldedEvents()).toEqual([]);
    expect(ledger.readModels.read((db) => db.prepare('SELECT SUM(amount_pence) FROM costs').pluck().get())).toBe(
      MAX_PENCE_PER_FIGURE,
    );
  });

  it('folds exactly the costs whose amounts are whole pence from 0 to the ceiling, whichever way the facts are made', async () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: MAX_PENCE_PER_FIGURE }),
      fc.integer({ min: MAX_PENCE_PER_FIGURE + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(-1, 0.5, MAX_PENCE_PER_FIGURE + 0.5, 2 ** 53, 1e21),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 8 }), async (amounts) => {
        const run = tempLedger();
        try {
          await run.writer.organisation(ACUTE, { type: 'acute-trust' });
          await run.writer.intervention('int-1', ACUTE);
          for (const [i, amountPence] of amounts.entries()) {
            await run.writer.cost('int-1', {
              costId: `c-${i}`,
              amountPence,
              financialYear: '2019/20',
              bearerOrganisationId: ACUTE,
            });
          }
          await new Projector(run.store, run.readModels, () => run.store.headPosition(), {
            catchUpWhenStopped: true,
          }).caughtUp();
          const folded = run.readModels.read((db) =>
            db.prepare('SELECT cost_id FROM costs ORDER BY position').pluck().all(),
          );
          const expected = amounts.flatMap((a, i) =>
            Number.isSafeInteger(a) && a >= 0 && a <= MAX_PENCE_PER_FIGURE ? [`c-${i}`] : [],
          );
          expect(folded).toEqual(expected);
          expect(new ReadModelQueries(run.readModels).unfoldedEvents()).toHaveLength(amounts.length - expected.length);
          const rebuilt = await rebuildReadModels(run.store, run.openReadModels('rebuilt.sqlite'));
          expect(rebuilt.digest).toBe(run.readModels.digest());
        } finally {
          await run.close();
        }
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });
});
