import { ApiProperty } from '@nestjs/swagger';
import { LENSES, Lens } from '@benefit-ledger/domain';

abstract class ValueThreeWays {
  @ApiProperty({ type: 'integer', description: 'every claim at its current value, whatever its status' })
  claimedPence: number;
  @ApiProperty({ type: 'integer', description: "finance's validated value" }) validatedPence: number;
  @ApiProperty({ type: 'integer', description: 'validated value realised (capacity only for what was harvested)' })
  realisedPence: number;
}

export class PriorityValue extends ValueThreeWays {
  @ApiProperty({ example: 'urgent and emergency care' }) priority: string;
}

export class LensValue extends ValueThreeWays {
  @ApiProperty({ enum: LENSES }) lens: Lens;
}

abstract class Breakdown extends ValueThreeWays {
  @ApiProperty({
    type: [PriorityValue],
    description:
      "a benefit counts under every strategic priority its intervention names, so these may add up to more than the total; '(none named)' gathers the rest",
  })
  byPriority: PriorityValue[];
  @ApiProperty({ type: [LensValue], description: "by the benefit's lens: these add up to the total" })
  byLens: LensValue[];
}

export class PrioritiesYear extends Breakdown {
  @ApiProperty({ example: '2019/20' }) financialYear: string;
}

/** GET /portfolio/priorities: by strategic priority and by lens, in all and per year (the claim's own year). */
export class PortfolioPrioritiesResponse extends Breakdown {
  @ApiProperty({ type: String, nullable: true }) financialYear: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "only benefits landing at this organisation (its validated total is the organisation value's)",
  })
  organisationId: string | null;
  @ApiProperty({ type: [PrioritiesYear] }) years: PrioritiesYear[];
}
