import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_TYPES, OrganisationType } from '@benefit-ledger/domain';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { OrganisationAnswer } from '../../http/query-answers';
import { WriteResultDto } from '../../http/write-result.dto';

/** A registered organisation (the fields are null only in the state before registration, which is answered 404). */
export class OrganisationResponse {
  @ApiProperty() registered: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'riverside-teaching-hospitals' }) organisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: ORGANISATION_TYPES, nullable: true }) type: OrganisationType | null;
  @ApiProperty({ type: String, nullable: true, description: 'the integrated care system it belongs to' }) system:
    string | null;
}

export type OrganisationChecked = [
  Fits<OrganisationAnswer, OrganisationResponse>,
  NoneUndeclared<Undeclared<OrganisationAnswer, OrganisationResponse>>,
];

export class OrganisationWritten extends WriteResultDto {
  @ApiProperty() organisationId: string;
}
