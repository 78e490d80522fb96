import { BenefitType, Quantity, Valuation, valueOfQuantity } from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { round2 } from './calendar';
import { Theme } from './themes';

/** What a claim of one benefit type says: quantity, how it is valued, the value, and the unit value if any. */
export interface BenefitShape {
  quantity: Quantity;
  valuation: Valuation;
  valuePence: number;
  description: string;
  unitPence: number | null;
}

export function benefitShape(rng: Prng, type: BenefitType, theme: Theme): BenefitShape {
  const unitCost = (unit: string, quantity: number, unitPence: number, description: string): BenefitShape => ({
    quantity: { value: quantity, unit },
    valuation: { method: 'unit-cost', unitValuePence: unitPence },
    valuePence: valueOfQuantity({ value: quantity, unit }, unitPence),
    description,
    unitPence,
  });
  const lumpSum = (
    unit: string,
    quantity: number,
    method: 'actual' | 'proxy' | 'estimate',
    valuePence: number,
    description: string,
  ): BenefitShape => ({
    quantity: { value: quantity, unit },
    valuation: { method },
    valuePence,
    description,
    unitPence: null,
  });
  switch (type) {
    case 'capacity': {
      const quantity = rng.chance(0.3)
        ? round2(rng.between(theme.quantity[0], theme.quantity[1]))
        : rng.int(theme.quantity[0], theme.quantity[1]);
      return unitCost(
        theme.resource,
        quantity,
        rng.int(theme.unitPence[0], theme.unitPence[1]),
        `${theme.resource} released`,
      );
    }
    case 'cost-avoidance':
      return unitCost('admissions', rng.int(5, 200), rng.int(200_000, 350_000), 'Avoided emergency admissions');
    case 'workforce':
      return unitCost('hours', rng.int(100, 5000), rng.int(3_000, 6_000), 'Fewer agency nursing hours');
    case 'environmental':
      return unitCost('tCO2e', round2(rng.between(5, 400)), rng.int(20_000, 30_000), 'Lower carbon emissions');
    case 'cash-releasing':
      return lumpSum(
        'year',
        1,
        'actual',
        rng.pence(500_000, 40_000_000),
        rng.pick(['Lower prescribing spend', 'Reduced agency spend', 'Contract saving', 'Fewer outsourced procedures']),
      );
    case 'quality':
      return lumpSum(
        'falls',
        rng.int(5, 60),
        rng.pick(['proxy', 'estimate'] as const),
        rng.pence(200_000, 8_000_000),
        'Fewer inpatient falls',
      );
    case 'safety':
      return lumpSum(
        'events',
        rng.int(3, 80),
        rng.pick(['proxy', 'estimate'] as const),
        rng.pence(200_000, 6_000_000),
        'Fewer adverse drug events',
      );
    case 'patient-experience':
      return lumpSum(
        'patients',
        rng.int(100, 5000),
        'estimate',
        rng.pence(100_000, 3_000_000),
        'Shorter waits to be seen',
      );
  }
}
