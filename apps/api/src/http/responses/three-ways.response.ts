import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { Figure } from './figures.response';

/**
 * Value counted three ways (docs/value-and-realisation.md): claimed, validated and realised, each with cash and
 * non-cash, net of costs and ROI on the costs it names; and validated value not realised, shown beside.
 */

/** Return per pound of cost ("£X.XX per £1", half up), with its reference: its trace shows the value and the costs it divides. */
export class TracedRoi {
  @ApiProperty() ratio: number;
  @ApiProperty({ example: '£2.52 per £1' }) perPound: string;
  @ApiProperty({ type: 'integer' }) pencePerPound: number;
  @ApiProperty({ description: 'pass to GET /trace?figure=' }) ref: string;
}

/** One way of counting value: its total, cash and non-cash, net of costs and ROI on the costs it names. */
@ApiExtraModels(Figure)
export class WayOfCounting {
  @ApiProperty({ type: Figure }) totalPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'cash: cash-releasing benefits, and (realised) cash released from capacity',
  })
  cashPence: Figure;
  @ApiProperty({ type: Figure }) nonCashPence: Figure;
  @ApiProperty({ type: Figure, description: 'total − the costs counted' }) netPence: Figure;
  @ApiProperty({ type: TracedRoi, nullable: true, description: 'total ÷ the costs counted; null with no costs' })
  roi: TracedRoi | null;
  @ApiProperty({ description: 'which costs the ROI counts, in words' }) costsCounted: string;
}

/** The parts realised value is made of. */
export class RealisedParts {
  @ApiProperty({ type: Figure, description: 'validated benefits of any type but capacity, at their validated value' })
  validatedNotCapacityPence: Figure;
  @ApiProperty({ type: Figure, description: 'cash actually released from capacity harvested as cash-release' })
  cashReleasedPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'reinvestments at the value they record (none recorded: at the validated unit value)',
  })
  reinvestedPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'harvested for reinvestment, not yet reinvested, at the validated unit value',
  })
  awaitingReinvestmentPence: Figure;
}

export class RealisedWay extends WayOfCounting {
  @ApiProperty({ type: RealisedParts }) parts: RealisedParts;
}

/** Claimed, validated and realised: each with its ROI and the costs it counts. */
export class ThreeWays {
  @ApiProperty({ type: WayOfCounting, description: 'every claim at its current value, whatever its status' })
  claimed: WayOfCounting;
  @ApiProperty({ type: WayOfCounting, description: "finance's validated value" }) validated: WayOfCounting;
  @ApiProperty({ type: RealisedWay, description: 'validated value realised: capacity only for what was harvested' })
  realised: RealisedWay;
}

/** Validated value not realised, shown beside realised value (validated = realised + total), never counted as realised. */
export class NotRealised {
  @ApiProperty({ type: Figure }) totalPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'harvested as cash-release, cash not (yet) released, at the validated unit value',
  })
  cashNotReleasedPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'how much less reinvestments record than their quantity at the validated unit value',
  })
  reinvestedBelowValuePence: Figure;
  @ApiProperty({ type: Figure, description: 'capacity left unharvested, at the validated unit value' })
  unharvestedPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'validated capacity not yet harvested either way, at the validated unit value',
  })
  undecidedPence: Figure;
  @ApiProperty({
    type: Figure,
    description:
      'not part of totalPence, nor of realised: cash or reinvested value recorded beyond what the validated value allows, only by events recorded before the limits (0 since)',
  })
  recordedBeyondLimitsPence: Figure;
}
