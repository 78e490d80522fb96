import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_TYPES } from '@benefit-ledger/domain';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { OrganisationListAnswer, PartnershipListAnswer } from '../../http/query-answers';
import { ListWindow } from './list-window.response';

export class OrganisationListItem {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: string;
  @ApiProperty({ type: String, nullable: true, description: "its integrated care system (the ICB's id)" }) system:
    string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

export class OrganisationListResponse extends ListWindow {
  @ApiProperty({ enum: ['organisations'] }) query: string;
  @ApiProperty({ type: [OrganisationListItem] }) items: OrganisationListItem[];
}

export class PartnershipMember {
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: ['lead', 'member', 'partner'] }) role: string;
}

export class PartnershipListItem {
  @ApiProperty() partnershipId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) formedAt: string;
  @ApiProperty({
    type: [PartnershipMember],
    description: 'members at the cutoff, with the role they joined with, by id',
  })
  members: PartnershipMember[];
  @ApiProperty({ type: [String], description: 'organisations that had left by the cutoff, by id' })
  formerMembers: string[];
}

export class PartnershipListResponse extends ListWindow {
  @ApiProperty({ enum: ['partnerships'] }) query: string;
  @ApiProperty({ type: [PartnershipListItem] }) items: PartnershipListItem[];
}

export type OrganisationListChecked = [
  Fits<OrganisationListAnswer, OrganisationListResponse>,
  NoneUndeclared<Undeclared<OrganisationListAnswer, OrganisationListResponse>>,
];
export type PartnershipListChecked = [
  Fits<PartnershipListAnswer, PartnershipListResponse>,
  NoneUndeclared<Undeclared<PartnershipListAnswer, PartnershipListResponse>>,
];
