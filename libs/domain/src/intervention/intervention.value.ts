import { FinancialYear } from '../shared/financial-year';
import { Pence, returnPerPound } from '../shared/money';
import { interventionValueBasis } from './intervention-value-basis';
import {
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  ValueWay,
  interventionValueKeys as K,
  sumContributions,
} from './intervention-value-keys';
import { InterventionState } from './intervention.state';
import { BENEFIT_TYPES, BenefitType } from './intervention-vocabulary';

type Roi = ReturnType<typeof returnPerPound>;
export interface WayValue {
  totalPence: Pence;
  cashPence: Pence;
  nonCashPence: Pence;
  netPence: Pence;
  roi: Roi;
}

export interface InterventionValue {
  interventionId: string;
  costs: { directPence: Pence; indirectPence: Pence; totalPence: Pence; byBearer: Record<string, Pence> };
  benefits: { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence; realisedPence: Pence };
  byType: Record<
    BenefitType,
    { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence; realisedPence: Pence }
  >;
  /** Claimed, validated and realised, each with cash / non-cash, net of costs and ROI; every ROI counts `costsCounted`. */
  value: Record<ValueWay, WayValue> & { costsCounted: string };
  realisedParts: Record<(typeof REALISED_PARTS)[number], Pence>;
  notRealised: Record<(typeof NOT_REALISED_PARTS)[number] | 'totalPence' | 'recordedBeyondLimitsPence', Pence>;
  /** Net = validated − costs; ROI = validated ÷ costs (the value.validated figures). */
  netValuePence: Pence;
  roi: Roi;
  /** Benefits with a multi-year profile (claimed or validated, not rejected): undiscounted, Green Book present value, after optimism bias. */
  multiYear: { benefits: number; undiscountedPence: Pence; presentValuePence: Pence; adjustedPresentValuePence: Pence };
  excludedFigures?: string[];
}

/** The value of one intervention from its state, as plain pence (the answer's figures, without references). */
export function interventionValue(
  state: InterventionState,
  financialYear: FinancialYear | null = null,
): InterventionValue {
  const basis = interventionValueBasis(state, financialYear);
  const sums = sumContributions(basis.contributions);
  const v = (key: readonly string[]) => sums.get(JSON.stringify(key)) ?? 0;
  const byBearer = Object.fromEntries(
    [...sums]
      .filter(([key]) => key.startsWith('["costs","bearer",'))
      .map(([key, pence]) => [(JSON.parse(key) as string[])[2], pence]),
  );
  const total = v(K.cost('total'));
  const way = (counted: ValueWay): WayValue => ({
    totalPence: v(K.way(counted)),
    cashPence: v(K.wayCash(counted, true)),
    nonCashPence: v(K.wayCash(counted, false)),
    netPence: v(K.net(counted)),
    roi: returnPerPound(v(K.way(counted)), total),
  });
  return {
    interventionId: state.interventionId ?? '',
    costs: { directPence: v(K.cost('direct')), indirectPence: v(K.cost('indirect')), totalPence: total, byBearer },
    benefits: {
      claimedPence: v(K.way('claimed')),
      validatedPence: v(K.way('validated')),
      rejectedPence: v(K.rejected),
      realisedPence: v(K.way('realised')),
    },
    byType: Object.fromEntries(
      BENEFIT_TYPES.map((t) => [
        t,
        {
          claimedPence: v(K.byType(t, 'claimed')),
          validatedPence: v(K.byType(t, 'validated')),
          rejectedPence: v(K.byType(t, 'rejected')),
          realisedPence: v(K.byType(t, 'realised')),
        },
      ]),
    ) as InterventionValue['byType'],
    value: {
      claimed: way('claimed'),
      validated: way('validated'),
      realised: way('realised'),
      costsCounted: basis.costsCounted,
    },
    realisedParts: Object.fromEntries(
      REALISED_PARTS.map((p) => [p, v(K.realisedPart(p))]),
    ) as InterventionValue['realisedParts'],
    notRealised: {
      ...Object.fromEntries(NOT_REALISED_PARTS.map((p) => [p, v(K.notRealised(p))])),
      totalPence: v(K.notRealised('total')),
      recordedBeyondLimitsPence: v(K.notRealised('recordedBeyondLimitsPence')),
    } as InterventionValue['notRealised'],
    netValuePence: v(K.net('validated')),
    roi: returnPerPound(v(K.way('validated')), total),
    multiYear: {
      benefits: basis.multiYearBenefits,
      undiscountedPence: v(K.multiYear('undiscounted')),
      presentValuePence: v(K.multiYear('present-value')),
      adjustedPresentValuePence: v(K.multiYear('adjusted-present-value')),
    },
    ...(basis.excludedFigures.length ? { excludedFigures: basis.excludedFigures } : {}),
  };
}
