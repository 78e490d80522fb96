import fc from 'fast-check';
import {
  DomainError,
  HARVESTS,
  Harvest,
  InterventionCommand,
  InterventionEvent,
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  fold,
  interventionDecider,
  interventionValue,
  realiseBenefit,
} from '../src';
import { SOURCE, claimBenefit, registerIntervention } from './intervention.fixtures';

/**
 * The capacity limits hold over any sequence of commands: random claims, validations (of part of the quantity or
 * all of it), rejections, releases, harvests, cash releases and reinvestments, each asked near its limit or anywhere.
 * A small model, written apart from the decider with its own BigInt arithmetic, says whether each command fits;
 * the decider must accept exactly the ones that fit and refuse the others with the rule the model names, and
 * whatever it accepted must fold into a state inside every limit.
 */

const BENEFITS = ['beds-a', 'beds-b'] as const;
/** A step names a release by its index among those recorded so far (a release never recorded when there is none). */
const releaseIdOf = (index: number, releases: Map<string, ModelRelease>) =>
  releases.size === 0 ? 'r-none' : [...releases.keys()][index % releases.size];

interface ModelBenefit {
  quantityH: number;
  valuePence: number;
  status: 'claimed' | 'validated' | 'rejected';
  validatedPence: number;
  validatedH: number;
}
interface ModelRelease {
  benefit: string;
  releasedH: number;
  harvested: Record<Harvest, number>;
  cashPence: number;
  reinvestedH: number;
  reinvestments: { hundredths: number; pence: number }[];
}

/** Hundredths → the quantity a command carries. */
const q = (hundredths: number) => hundredths / 100;
/** floor(quantity × validated value ÷ validated quantity): the model's own arithmetic. */
const worth = (b: ModelBenefit, hundredths: number) =>
  b.validatedH <= 0 ? 0 : Number((BigInt(hundredths) * BigInt(b.validatedPence)) / BigInt(b.validatedH));

/** A step asked of the ledger: near its limit (`delta` hundredths or pence either side) or anywhere (`any`). */
const stepArb = fc.oneof(
  // weighted towards the capacity steps, so that runs go deep into releases, harvests, cash and reinvestment
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('validate' as const),
      benefit: fc.constantFrom(...BENEFITS),
      valueShare: fc.integer({ min: 0, max: 10_000 }),
      quantityShare: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), benefit: fc.constantFrom(...BENEFITS) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('release' as const),
      benefit: fc.constantFrom(...BENEFITS),
      fresh: fc.nat(9),
      release: fc.nat(),
      near: fc.boolean(),
      delta: fc.integer({ min: -2, max: 2 }),
      any: fc.integer({ min: 1, max: 2_000_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('harvest' as const),
      release: fc.nat(),
      harvest: fc.constantFrom<Harvest>(...HARVESTS),
      near: fc.boolean(),
      delta: fc.integer({ min: -2, max: 2 }),
      any: fc.integer({ min: 1, max: 2_000_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('cash' as const),
      release: fc.nat(),
      near: fc.boolean(),
      delta: fc.integer({ min: -2, max: 2 }),
      any: fc.integer({ min: 1, max: 1_000_000_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('reinvest' as const),
      release: fc.nat(),
      near: fc.boolean(),
      delta: fc.integer({ min: -2, max: 2 }),
      any: fc.integer({ min: 1, max: 2_000_000 }),
      value: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

const claimArb = fc.record({
  quantityH: fc.integer({ min: 1, max: 1_000_000 }),
  valuePence: fc.integer({ min: 0, max: 1_000_000_000 }),
});

/** The command a step asks for and, from the model, the rule that must refuse it (null: it fits). */
function resolve(
  step: Step,
  benefits: Map<string, ModelBenefit>,
  releases: Map<string, ModelRelease>,
): { command: InterventionCommand; refusal: string | null } {
  const near = (s: { near: boolean; delta: number; any: number }, remaining: number) =>
    s.near ? Math.max(1, remaining + s.delta) : s.any;
  switch (step.kind) {
    case 'validate': {
      const b = benefits.get(step.benefit)!;
      const validatedValuePence = Number((BigInt(b.valuePence) * BigInt(step.valueShare)) / 10_000n);
      const validatedQuantity =
        step.quantityShare === null ? null : q(Math.floor((b.quantityH * step.quantityShare) / 10_000));
      return {
        command: {
          type: 'ValidateBenefit',
          benefitId: step.benefit,
          validatedValuePence,
          note: 'checked',
          validatedQuantity,
          source: SOURCE,
        },
        refusal: b.status !== 'claimed' ? 'benefit-already-decided' : null,
      };
    }
    case 'reject': {
      const b = benefits.get(step.benefit)!;
      return {
        command: { type: 'RejectBenefit', benefitId: step.benefit, reason: 'no' },
        refusal: b.status !== 'claimed' ? 'benefit-already-decided' : null,
      };
    }
    case 'release': {
      const b = benefits.get(step.benefit)!;
      const drawn = [...releases.values()]
        .filter((r) => r.benefit === step.benefit)
        .reduce((t, r) => t + r.releasedH, 0);
      const hundredths = near(step, (b.status === 'validated' ? b.validatedH : b.quantityH) - drawn);
      // mostly a new release id; now and then one already recorded
      const releaseId =
        step.fresh > 0 || releases.size === 0 ? `r-${releases.size}` : releaseIdOf(step.release, releases);
      const command: InterventionCommand = {
        type: 'ReleaseCapacity',
        releaseId,
        benefitId: step.benefit,
        resource: 'bed-days',
        quantity: q(hundredths),
        landingOrganisationId: 'community-trust',
        financialYear: '2019/20',
        source: SOURCE,
      };
      const refusal = releases.has(releaseId)
        ? 'release-exists'
        : b.status === 'rejected'
          ? 'release-of-rejected-benefit'
          : b.status !== 'validated'
            ? 'release-needs-validated-benefit'
            : drawn + hundredths > b.validatedH
              ? 'release-exceeds-validated-quantity'
              : null;
      return { command, refusal };
    }
    case 'harvest': {
      const releaseId = releaseIdOf(step.release, releases);
      const r = releases.get(releaseId);
      const used = r ? r.harvested['cash-release'] + r.harvested.reinvest + r.harvested.unharvested : 0;
      const hundredths = near(step, r ? r.releasedH - used : 0);
      const command: InterventionCommand = {
        type: 'HarvestCapacity',
        releaseId,
        harvest: step.harvest,
        quantity: q(hundredths),
        rationale: 'agreed',
        source: SOURCE,
      };
      return {
        command,
        refusal: !r ? 'release-not-found' : used + hundredths > r.releasedH ? 'harvest-exceeds-release' : null,
      };
    }
    case 'cash': {
      const releaseId = releaseIdOf(step.release, releases);
      const r = releases.get(releaseId);
      const b = r ? benefits.get(r.benefit)! : null;
      const most = r && b ? worth(b, r.harvested['cash-release']) : 0;
      const amountPence = near(step, most - (r?.cashPence ?? 0));
      const command: InterventionCommand = {
        type: 'ReleaseCash',
        releaseId,
        amountPence,
        budgetLine: 'ward 12',
        source: SOURCE,
      };
      const refusal = !r
        ? 'release-not-found'
        : r.harvested['cash-release'] === 0
          ? 'cash-needs-cash-harvest'
          : b!.status !== 'validated'
            ? 'cash-needs-validated-benefit'
            : r.cashPence + amountPence > most
              ? 'cash-exceeds-harvest-value'
              : null;
      return { command, refusal };
    }
    case 'reinvest': {
      const releaseId = releaseIdOf(step.release, releases);
      const r = releases.get(releaseId);
      const b = r ? benefits.get(r.benefit)! : null;
      const hundredths = near(step, r ? r.harvested.reinvest - r.reinvestedH : 0);
      const most = b ? worth(b, hundredths) : 0;
      const valuePence = step.value === null ? null : Math.max(0, most + step.value);
      const command: InterventionCommand = {
        type: 'ReinvestCapacity',
        releaseId,
        quantity: q(hundredths),
        into: { description: 'electives', organisationId: 'acute-trust' },
        valuePence,
        source: SOURCE,
      };
      const refusal = !r
        ? 'release-not-found'
        : r.reinvestedH + hundredths > r.harvested.reinvest
          ? 'reinvestment-exceeds-harvest'
          : valuePence === null
            ? null
            : b!.status !== 'validated'
              ? 'reinvestment-value-needs-validated-benefit'
              : valuePence > most
                ? 'reinvestment-value-exceeds-validated'
                : null;
      return { command, refusal };
    }
  }
}

/** The model after an accepted step. */
function apply(
  step: Step,
  command: InterventionCommand,
  benefits: Map<string, ModelBenefit>,
  releases: Map<string, ModelRelease>,
): void {
  switch (command.type) {
    case 'ValidateBenefit': {
      const b = benefits.get(command.benefitId)!;
      b.status = 'validated';
      b.validatedPence = command.validatedValuePence;
      b.validatedH = command.validatedQuantity == null ? b.quantityH : Math.round(command.validatedQuantity * 100);
      return;
    }
    case 'RejectBenefit':
      benefits.get(command.benefitId)!.status = 'rejected';
      return;
    case 'ReleaseCapacity':
      releases.set(command.releaseId, {
        benefit: command.benefitId,
        releasedH: Math.round(command.quantity * 100),
        harvested: { 'cash-release': 0, reinvest: 0, unharvested: 0 },
        cashPence: 0,
        reinvestedH: 0,
        reinvestments: [],
      });
      return;
    case 'HarvestCapacity':
      releases.get(command.releaseId)!.harvested[command.harvest] += Math.round(command.quantity * 100);
      return;
    case 'ReleaseCash':
      releases.get(command.releaseId)!.cashPence += command.amountPence;
      return;
    case 'ReinvestCapacity': {
      const r = releases.get(command.releaseId)!;
      const hundredths = Math.round(command.quantity * 100);
      r.reinvestedH += hundredths;
      // a reinvestment recording no value counts at the validated unit value
      r.reinvestments.push({ hundredths, pence: command.valuePence ?? worth(benefits.get(r.benefit)!, hundredths) });
      return;
    }
    default:
      throw new Error(`no model for ${step.kind}`);
  }
}

describe('capacity limits hold over any sequence of commands', () => {
  it('accepts each command exactly when it is within every limit, refuses it with the rule that it crosses, and never crosses one', () => {
    /** What the runs covered, by command type: accepted, and refused by each rule (checked after the runs). */
    const seen = new Map<string, number>();
    const saw = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.tuple(claimArb, claimArb),
        fc.array(stepArb, { minLength: 20, maxLength: 80 }),
        (claims, steps) => {
          const events: InterventionEvent[] = [];
          const decide = (command: InterventionCommand) =>
            events.push(...interventionDecider.decide(command, fold(interventionDecider, events)));
          decide(registerIntervention());
          const benefits = new Map<string, ModelBenefit>();
          BENEFITS.forEach((benefitId, i) => {
            const { quantityH, valuePence } = claims[i];
            decide(
              claimBenefit({
                benefitId,
                quantity: { value: q(quantityH), unit: 'bed-days' },
                valuation: { method: 'actual' },
                valuePence,
              }),
            );
            benefits.set(benefitId, { quantityH, valuePence, status: 'claimed', validatedPence: 0, validatedH: 0 });
          });
          const releases = new Map<string, ModelRelease>();

          for (const step of steps) {
            const { command, refusal } = resolve(step, benefits, releases);
            const before = events.length;
            let error: unknown = null;
            try {
              decide(command);
            } catch (e) {
              error = e;
            }
            saw(`${command.type}: ${refusal ?? 'accepted'}`);
            if (refusal === null) {
              expect(error).toBeNull();
              apply(step, command, benefits, releases);
            } else {
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).rule).toBe(refusal);
              expect(events.length).toBe(before); // a refusal decides nothing
            }
          }

          // whatever was accepted folds into a state within every limit
          const state = fold(interventionDecider, events);
          for (const benefit of state.benefits.values()) {
            const own = [...state.releases.values()].filter((r) => r.benefitId === benefit.benefitId);
            if (own.length === 0) continue;
            expect(benefit.status).toBe('validated');
            const validated = {
              validatedValuePence: benefit.validatedValuePence!,
              validatedQuantity: benefit.validatedQuantity!,
            };
            expect(own.reduce((t, r) => t + r.released, 0)).toBeLessThanOrEqual(validated.validatedQuantity);
            for (const r of own) {
              expect(r.harvested['cash-release'] + r.harvested.reinvest + r.harvested.unharvested).toBeLessThanOrEqual(
                r.released,
              );
              expect(r.reinvested).toBeLessThanOrEqual(r.harvested.reinvest);
              expect(BigInt(r.cashReleasedPence) * BigInt(validated.validatedQuantity)).toBeLessThanOrEqual(
                BigInt(r.harvested['cash-release']) * BigInt(validated.validatedValuePence),
              );
              for (const x of r.reinvestments) {
                if (x.valuePence !== null)
                  expect(BigInt(x.valuePence) * BigInt(validated.validatedQuantity)).toBeLessThanOrEqual(
                    BigInt(x.quantity) * BigInt(validated.validatedValuePence),
                  );
              }
            }
          }

          // realised value: never more than validated, its parts add up to it and validated = realised + not realised, to the penny
          const value = interventionValue(state);
          let realisedTotal = 0n;
          for (const benefit of state.benefits.values()) {
            if (benefit.status !== 'validated') continue;
            const model = benefits.get(benefit.benefitId)!;
            const own = [...releases.values()].filter((r) => r.benefit === benefit.benefitId);
            const r = realiseBenefit({
              benefitType: benefit.benefitType,
              validatedValuePence: benefit.validatedValuePence!,
              validatedQuantity: benefit.validatedQuantity!,
              releases: [...state.releases.values()].filter((x) => x.benefitId === benefit.benefitId),
            });
            expect(r.realisedPence).toBeLessThanOrEqual(r.validatedPence);
            expect(REALISED_PARTS.reduce((t, p) => t + r.realised[p], 0)).toBe(r.realisedPence);
            expect(r.cashPence + r.nonCashPence).toBe(r.realisedPence);
            for (const p of NOT_REALISED_PARTS) expect(r.notRealised[p]).toBeGreaterThanOrEqual(0);
            expect(r.realisedPence + NOT_REALISED_PARTS.reduce((t, p) => t + r.notRealised[p], 0)).toBe(
              r.validatedPence,
            );
            // and what the model says was realised: cash released, reinvestments as recorded, the rest of the reinvest harvest at unit value
            const reinvestments = own.flatMap((x) => x.reinvestments);
            const expected =
              benefit.benefitType !== 'capacity'
                ? model.validatedPence
                : own.reduce((t, x) => t + x.cashPence, 0) +
                  reinvestments.reduce((t, x) => t + x.pence, 0) +
                  worth(
                    model,
                    own.reduce((t, x) => t + x.harvested.reinvest, 0),
                  ) -
                  reinvestments.reduce((t, x) => t + worth(model, x.hundredths), 0);
            expect(r.realisedPence).toBe(expected);
            realisedTotal += BigInt(r.realisedPence);
          }
          expect(BigInt(value.benefits.realisedPence)).toBe(realisedTotal);
          expect(value.benefits.realisedPence).toBeLessThanOrEqual(value.benefits.validatedPence);
          expect(value.value.realised.totalPence + value.notRealised.totalPence).toBe(value.value.validated.totalPence);
        },
      ),
      { numRuns: 300 },
    );
    // the runs reached every limit from both sides, not just the easy refusals
    for (const what of [
      'ReleaseCapacity: accepted',
      'ReleaseCapacity: release-exceeds-validated-quantity',
      'ReleaseCapacity: release-needs-validated-benefit',
      'ReleaseCash: accepted',
      'ReleaseCash: cash-exceeds-harvest-value',
      'ReinvestCapacity: accepted',
      'ReinvestCapacity: reinvestment-value-exceeds-validated',
      'HarvestCapacity: accepted',
      'HarvestCapacity: harvest-exceeds-release',
    ]) {
      expect({ what, seen: (seen.get(what) ?? 0) > 0 }).toEqual({ what, seen: true });
    }
  });
});
