import { ApiProperty } from '@nestjs/swagger';
import { WriteResultDto } from '../../http/write-result.dto';

/** A write on an intervention: where it landed, and the intervention's id (generated when the client left it out). */
export class InterventionWritten extends WriteResultDto {
  @ApiProperty() interventionId: string;
}

export class CostWritten extends InterventionWritten {
  @ApiProperty({ description: 'generated when the client left it out' }) costId: string;
}

export class MeasurementWritten extends InterventionWritten {
  @ApiProperty({ description: 'generated when the client left it out' }) measurementId: string;
}

export class BenefitWritten extends InterventionWritten {
  @ApiProperty({ description: 'generated when the client left it out of a claim' }) benefitId: string;
}

export class CapacityReleaseWritten extends InterventionWritten {
  @ApiProperty({ description: 'generated when the client left it out of a release' }) releaseId: string;
}
