import fc from 'fast-check';
import {
  Decider,
  DomainEvent,
  MAX_PENCE_PER_FIGURE,
  moneyFiguresOf,
  moneyIn,
  unitCostDecider,
  withMoneyCeiling,
  interventionDecider,
} from '../src';
import { given } from './given-when-then';
import {
  cashReleased,
  claimed,
  costRecorded,
  harvested,
  recordCost,
  registered,
  released,
  releaseCash,
  validated,
} from './intervention.fixtures';
import { publishUnitCost, unitCostPublished } from './valuation.fixtures';

/** The ceiling per money figure (£1bn), one rule for every kind of stream: given / when / then. */
describe('the ceiling per money figure', () => {
  it('records a cost of exactly the ceiling', () => {
    given(interventionDecider, [registered()])
      .when(recordCost({ amountPence: MAX_PENCE_PER_FIGURE }))
      .then([costRecorded({ amountPence: MAX_PENCE_PER_FIGURE })]);
  });

  it('refuses a cost a penny beyond it, naming the field', () => {
    given(interventionDecider, [registered()])
      .when(recordCost({ amountPence: MAX_PENCE_PER_FIGURE + 1 }))
      .thenFails({ kind: 'rule-violated', rule: 'money-ceiling', field: 'amountPence' });
  });

  it('refuses the largest safe integer (the cost that once stopped every figure)', () => {
    given(interventionDecider, [registered()])
      .when(recordCost({ amountPence: Number.MAX_SAFE_INTEGER }))
      .thenFails({ kind: 'rule-violated', rule: 'money-ceiling', field: 'amountPence' });
  });

  it('refuses cash released beyond it: no cash-release harvest is worth more than a validated value, which is within it', () => {
    const atCeiling = [
      registered(),
      claimed({
        quantity: { value: 10, unit: 'bed-days' },
        valuation: { method: 'actual' },
        valuePence: MAX_PENCE_PER_FIGURE,
      }),
      validated('bed-days', MAX_PENCE_PER_FIGURE, 10),
      released({ quantity: 10 }),
      harvested('cash-release', 10),
    ];
    given(interventionDecider, atCeiling)
      .when(releaseCash(MAX_PENCE_PER_FIGURE + 1))
      .thenFails({ kind: 'rule-violated', rule: 'cash-exceeds-harvest-value', field: 'amountPence' });
    given(interventionDecider, atCeiling)
      .when(releaseCash(MAX_PENCE_PER_FIGURE))
      .then([cashReleased(MAX_PENCE_PER_FIGURE)]);
  });

  it('refuses a unit cost priced beyond it', () => {
    given(unitCostDecider)
      .when(publishUnitCost({ pricePence: MAX_PENCE_PER_FIGURE + 1 }))
      .thenFails({ kind: 'rule-violated', rule: 'money-ceiling', field: 'pricePence' });
    given(unitCostDecider)
      .when(publishUnitCost({ pricePence: MAX_PENCE_PER_FIGURE }))
      .then([unitCostPublished({ pricePence: MAX_PENCE_PER_FIGURE })]);
  });
});

describe('money figures of an event', () => {
  it('are every field named …Pence, at any depth, with its path', () => {
    expect(
      moneyFiguresOf({
        totalPence: 3,
        lines: [{ amountPence: 1 }, { amountPence: 2, note: 'x' }],
        source: { system: 'GL' },
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'totalPence', value: 3 },
        { path: 'lines[0].amountPence', value: 1 },
        { path: 'lines[1].amountPence', value: 2 },
      ]),
    );
  });

  it('are found however deep the data is nested, without exhausting the stack', () => {
    let data: Record<string, unknown> = { amountPence: 7 };
    for (let i = 0; i < 100_000; i++) data = { inner: data };
    expect(moneyFiguresOf(data).map((f) => f.value)).toEqual([7]);
  });

  it('add up exactly, counting only figures that can enter a total', () => {
    expect(
      moneyIn([
        { data: { amountPence: MAX_PENCE_PER_FIGURE } },
        { data: { valuePence: 1, lines: [{ amountPence: 2 }] } },
      ]),
    ).toBe(BigInt(MAX_PENCE_PER_FIGURE) + 3n);
    expect(
      moneyIn([
        { data: { amountPence: Number.MAX_SAFE_INTEGER } },
        { data: { amountPence: -5 } },
        { data: { amountPence: 1.5 } },
      ]),
    ).toBe(0n);
  });
});

describe('withMoneyCeiling', () => {
  /** A decider that records whatever figures it is given, nested as asked. */
  const echo: Decider<{ figures: number[] }, DomainEvent<'Echoed'>, null> = {
    initialState: null,
    decide: ({ figures }) => [{ type: 'Echoed', data: { items: figures.map((amountPence) => ({ amountPence })) } }],
    evolve: (state) => state,
  };
  const limited = withMoneyCeiling(echo);

  it('refuses a decision exactly when one of its figures is not whole pence within the ceiling', () => {
    const figure = fc.oneof(
      fc.integer({ min: 0, max: MAX_PENCE_PER_FIGURE }),
      fc.integer({ min: MAX_PENCE_PER_FIGURE + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.double(),
      fc.integer({ min: -1_000_000, max: -1 }),
    );
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 6 }), (figures) => {
        const ok = figures.every((f) => Number.isSafeInteger(f) && f >= 0 && f <= MAX_PENCE_PER_FIGURE);
        if (ok) expect(limited.decide({ figures }, null)).toEqual(echo.decide({ figures }, null));
        else
          expect(() => limited.decide({ figures }, null)).toThrow(expect.objectContaining({ rule: 'money-ceiling' }));
      }),
      { seed: 12 },
    );
  });
});
