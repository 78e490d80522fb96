import { ApiProperty } from '@nestjs/swagger';
import { WriteResultDto } from '../../http/write-result.dto';

/** A write on a partnership: where it landed, and the partnership's id (generated when the client left it out). */
export class PartnershipWritten extends WriteResultDto {
  @ApiProperty() partnershipId: string;
}

export class PartnershipMemberWritten extends PartnershipWritten {
  @ApiProperty() organisationId: string;
}

export class PartnershipEnrolmentWritten extends PartnershipWritten {
  @ApiProperty() interventionId: string;
}

export class PartnershipCostWritten extends PartnershipWritten {
  @ApiProperty({ description: 'generated when the client left it out' }) costId: string;
}
