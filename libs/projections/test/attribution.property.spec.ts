import fc from 'fast-check';
import { BENEFIT_TYPES, BenefitType, DomainError } from '@benefit-ledger/domain';
import { ReadModelQueries, rebuildReadModels } from '../src';
import { expectEveryFigureTraces } from './support/figures';
import { readLog, tempLedger } from '@benefit-ledger/testing';

// hundreds of random ledgers on real SQLite files: on a shared machine the 5 s default measures its load, not the code
jest.setTimeout(120_000);

/**
 * Partnership attribution (docs/design.md#the-arithmetic), against an independent model: Σ over enrolled interventions of the
 * validated value of covered benefit types × enrolment share (half up, per intervention), split among members
 * by the agreement in force for the year so that the parts add up to the penny. Real SQLite log and read models.
 */

const YEARS = ['2022/23', '2023/24', '2024/25'] as const;

interface BenefitSpec {
  benefitType: BenefitType;
  financialYear: string;
  valuePence: number;
  outcome: 'claimed' | 'validated' | 'rejected';
  validatedBasisPoints: number;
  landing: number;
}
interface InterventionSpec {
  enrolBasisPoints: number | null;
  benefits: BenefitSpec[];
  costPence: number;
}
interface AgreementSpec {
  cuts: number[];
  benefitTypes: BenefitType[];
}
interface PartnershipSpec {
  memberCount: number;
  agreements: [AgreementSpec, AgreementSpec];
  /** Indices into YEARS: version 1 takes effect at the first, version 2 at the (later) second. */
  effective: [number, number];
  interventions: InterventionSpec[];
  costs: { financialYear: string; amountPence: number; bearer: number }[];
  picks: number[];
}

/** m − 1 distinct cut points in 1..9999 make m positive shares summing to 10000. */
const sharesOf = (cuts: number[]) => {
  const points = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
  return points.slice(1).map((p, i) => p - points[i]);
};

const amountArb = fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 2 ** 36 }));

const partnershipArb: fc.Arbitrary<PartnershipSpec> = fc.integer({ min: 2, max: 5 }).chain((memberCount) => {
  const agreement = fc.record<AgreementSpec>({
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), {
      minLength: memberCount - 1,
      maxLength: memberCount - 1,
    }),
    benefitTypes: fc.shuffledSubarray([...BENEFIT_TYPES], { minLength: 1 }),
  });
  const benefit = fc.record<BenefitSpec>({
    benefitType: fc.constantFrom(...BENEFIT_TYPES),
    financialYear: fc.constantFrom(...YEARS),
    valuePence: amountArb,
    outcome: fc.constantFrom('claimed', 'validated', 'validated', 'validated', 'rejected'),
    validatedBasisPoints: fc.oneof(fc.constant(10_000), fc.integer({ min: 0, max: 10_000 })),
    landing: fc.integer({ min: 0, max: memberCount }),
  });
  const enrolled = fc.record<InterventionSpec>({
    enrolBasisPoints: fc.oneof(
      fc.constant(10_000),
      fc.integer({ min: 1, max: 10_000 }),
      fc.constantFrom(1, 5_000, 3_333),
    ),
    benefits: fc.array(benefit, { minLength: 1, maxLength: 5 }),
    costPence: amountArb,
  });
  const notEnrolled = fc.record<InterventionSpec>({
    enrolBasisPoints: fc.constant(null),
    benefits: fc.array(benefit, { minLength: 1, maxLength: 3 }),
    costPence: amountArb,
  });
  return fc.record<PartnershipSpec>({
    memberCount: fc.constant(memberCount),
    agreements: fc.tuple(agreement, agreement),
    effective: fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 2 })).filter(([a, b]) => a < b),
    interventions: fc
      .tuple(fc.array(enrolled, { minLength: 1, maxLength: 4 }), fc.array(notEnrolled, { maxLength: 1 }))
      .map(([a, b]) => [...a, ...b]),
    costs: fc.array(
      fc.record({
        financialYear: fc.constantFrom(...YEARS),
        amountPence: amountArb,
        bearer: fc.integer({ min: 0, max: memberCount - 1 }),
      }),
      { maxLength: 4 },
    ),
    picks: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  });
});

/** Organisation 0..m−1 are members (0 leads); m is an outsider where some benefits land. */
const orgId = (i: number) => `trust-${i}`;
const interventionId = (i: number) => `int-${String(i).padStart(2, '0')}`;
const PARTNERSHIP = 'wy-partnership';
const validatedValue = (b: BenefitSpec) => Number((BigInt(b.valuePence) * BigInt(b.validatedBasisPoints)) / 10_000n);

/** round-half-up(v × bp / 10000) by quotient and remainder. */
const halfUp = (v: bigint, bp: number) => {
  const n = v * BigInt(bp);
  return n % 10_000n >= 5_000n ? n / 10_000n + 1n : n / 10_000n;
};

async function appendPartnership(s: PartnershipSpec, writer: ReturnType<typeof tempLedger>['writer']) {
  for (let o = 0; o <= s.memberCount; o++)
    await writer.organisation(orgId(o), { type: o === 0 ? 'icb' : 'community-trust' });
  const members = Array.from({ length: s.memberCount }, (_, o) => ({
    organisationId: orgId(o),
    role: o === 0 ? ('lead' as const) : ('member' as const),
  }));
  await writer.partnership(PARTNERSHIP, members);
  // the partnership's own commands stay in order (agreement versions increase); interventions interleave with them
  const partnershipSteps: (() => Promise<unknown>)[] = [
    ...s.agreements.map(
      (a, v) => () =>
        writer.agreement(PARTNERSHIP, {
          version: v + 1,
          effectiveFrom: YEARS[s.effective[v]],
          benefitTypes: a.benefitTypes,
          shares: sharesOf(a.cuts).map((basisPoints, o) => ({ organisationId: orgId(o), basisPoints })),
        }),
    ),
    ...s.costs.map(
      (c, k) => () =>
        writer.partnershipCost(PARTNERSHIP, {
          costId: `pc-${k}`,
          amountPence: c.amountPence,
          financialYear: c.financialYear,
          bearerOrganisationId: orgId(c.bearer),
        }),
    ),
  ];
  const queues = [
    partnershipSteps,
    ...s.interventions.map((iv, i) => {
      const id = interventionId(i);
      const steps: (() => Promise<unknown>)[] = [
        () => writer.intervention(id, orgId(i % s.memberCount)),
        () =>
          writer.cost(id, {
            costId: 'c-1',
            amountPence: iv.costPence,
            financialYear: YEARS[1],
            bearerOrganisationId: orgId(i % s.memberCount),
          }),
      ];
      iv.benefits.forEach((b, k) => {
        const benefitId = `b-${k}`;
        steps.push(() =>
          writer.claim(id, {
            benefitId,
            benefitType: b.benefitType,
            financialYear: b.financialYear,
            valuePence: b.valuePence,
            landingOrganisationId: orgId(b.landing),
          }),
        );
        if (b.outcome === 'validated')
          steps.push(() => writer.validate(id, benefitId, validatedValue(b), orgId(b.landing)));
        if (b.outcome === 'rejected') steps.push(() => writer.reject(id, benefitId, orgId(b.landing)));
      });
      return steps;
    }),
  ];
  // enrolments come after the intervention is registered, in the partnership's stream
  s.interventions.forEach((iv, i) => {
    if (iv.enrolBasisPoints !== null)
      queues[i + 1].splice(1, 0, () => writer.enrol(PARTNERSHIP, interventionId(i), iv.enrolBasisPoints!));
  });
  let p = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    await live[s.picks[p++ % s.picks.length] % live.length].shift()!();
  }
}

/** The independent answer for one year, or null when no agreement is in force then. */
function expectedFor(s: PartnershipSpec, year: string) {
  const yearIndex = YEARS.indexOf(year as (typeof YEARS)[number]);
  const version = yearIndex >= s.effective[1] ? 2 : yearIndex >= s.effective[0] ? 1 : null;
  if (version === null) return null;
  const agreement = s.agreements[version - 1];
  const covered = new Set(agreement.benefitTypes);
  const interventions = s.interventions
    .flatMap((iv, i) =>
      iv.enrolBasisPoints === null
        ? []
        : [
            {
              interventionId: interventionId(i),
              attributionBasisPoints: iv.enrolBasisPoints,
              validated: iv.benefits
                .filter((b) => b.outcome === 'validated' && b.financialYear === year && covered.has(b.benefitType))
                .reduce((a, b) => a + BigInt(validatedValue(b)), 0n),
            },
          ],
    )
    .map((x) => ({ ...x, attributed: halfUp(x.validated, x.attributionBasisPoints) }));
  const attributed = interventions.reduce((a, x) => a + x.attributed, 0n);
  const costs = s.costs.filter((c) => c.financialYear === year).reduce((a, c) => a + BigInt(c.amountPence), 0n);
  return {
    version,
    effectiveFrom: YEARS[s.effective[version - 1]],
    agreement,
    shares: sharesOf(agreement.cuts),
    interventions,
    attributed,
    costs,
  };
}

describe('partnership attribution on random partnerships (real SQLite log and read models)', () => {
  it('adds up to the penny: members to the total, interventions to the total, each intervention half up; ROI null iff no costs; the agreement in force by year', async () => {
    await fc.assert(
      fc.asyncProperty(partnershipArb, async (s) => {
        const ledger = tempLedger();
        try {
          await appendPartnership(s, ledger.writer);
          await rebuildReadModels(ledger.store, ledger.readModels);
          const queries = new ReadModelQueries(ledger.readModels);
          const byPosition = new Map((await readLog(ledger.store)).map((e) => [e.position, e]));
          const cutoff = queries.cutoff(null);
          for (const year of YEARS) {
            const expected = expectedFor(s, year);
            if (expected === null) {
              let error: unknown;
              try {
                queries.partnershipAttribution({ partnershipId: PARTNERSHIP, financialYear: year, cutoff });
              } catch (e) {
                error = e;
              }
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).rule).toBe('no-agreement-in-force');
              continue;
            }
            const a = queries.partnershipAttribution({ partnershipId: PARTNERSHIP, financialYear: year, cutoff });

            // the agreement in force: the highest version effective by the year
            expect(a.agreement).toEqual({
              version: expected.version,
              effectiveFrom: expected.effectiveFrom,
              benefitTypes: expected.agreement.benefitTypes,
              shares: expected.shares.map((basisPoints, o) => ({ organisationId: orgId(o), basisPoints })),
            });

            // each enrolled intervention: covered validated value of the year, × share, half up
            expect(
              a.interventions.map((x) => ({
                id: x.interventionId,
                bp: x.attributionBasisPoints,
                validated: x.validatedPence.pence,
                attributed: x.attributedPence.pence,
              })),
            ).toEqual(
              expected.interventions.map((x) => ({
                id: x.interventionId,
                bp: x.attributionBasisPoints,
                validated: Number(x.validated),
                attributed: Number(x.attributed),
              })),
            );

            // Σ interventions = total = Σ members, exactly
            expect(BigInt(a.attributedPence.pence)).toBe(expected.attributed);
            expect(a.interventions.reduce((t, x) => t + x.attributedPence.pence, 0)).toBe(a.attributedPence.pence);
            expect(a.members.reduce((t, x) => t + x.attributedPence.pence, 0)).toBe(a.attributedPence.pence);
            // each member within a penny of its exact share of the total, by the agreement's basis points
            expect(a.members.map((x) => [x.organisationId, x.basisPoints])).toEqual(
              expected.shares.map((bp, o) => [orgId(o), bp]),
            );
            for (const member of a.members) {
              const exact = expected.attributed * BigInt(member.basisPoints);
              const got = BigInt(member.attributedPence.pence) * 10_000n;
              expect(got - exact < 10_000n && exact - got < 10_000n).toBe(true);
            }

            // ROI: null iff the partnership's costs for the year are zero; else pence per £1, half up
            expect(BigInt(a.costs.totalPence.pence)).toBe(expected.costs);
            if (expected.costs === 0n) {
              expect(a.roi).toBeNull();
            } else {
              expect(a.roi).not.toBeNull();
              const n = expected.attributed * 100n;
              const q = n / expected.costs;
              const pencePerPound = (n % expected.costs) * 2n >= expected.costs ? q + 1n : q;
              expect(BigInt(a.roi!.pencePerPound)).toBe(pencePerPound);
            }

            // costs typed direct or indirect; the wider basis adds each intervention's costs × its share; both ROIs labelled
            expect(a.costs.directPence.pence + a.costs.indirectPence.pence).toBe(a.costs.totalPence.pence);
            expect(a.interventions.reduce((t, x) => t + x.costsSharePence.pence, 0)).toBe(
              a.costs.interventionsSharePence.pence,
            );
            expect(a.costs.programmeAndInterventionsPence.pence).toBe(
              a.costs.totalPence.pence + a.costs.interventionsSharePence.pence,
            );
            expect(a.roiWithInterventionCosts === null).toBe(a.costs.programmeAndInterventionsPence.pence === 0);
            if (a.roi) expect(a.roi.costsCounted).not.toBe(a.roiWithInterventionCosts!.costsCounted);
            // three ways: realised never more than validated, which is the attributed value; parts add up
            expect(a.value.validated.totalPence.pence).toBe(a.attributedPence.pence);
            expect(a.value.realised.totalPence.pence).toBeLessThanOrEqual(a.value.validated.totalPence.pence);
            expect(a.value.realised.cashPence.pence + a.value.realised.nonCashPence.pence).toBe(
              a.value.realised.totalPence.pence,
            );

            expectEveryFigureTraces(queries, a, byPosition);
          }
        } finally {
          await ledger.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
