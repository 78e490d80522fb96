import { PARTNERSHIP_ROLES, PartnershipRole } from '@benefit-ledger/domain';
import { EnumField, IdField, NestedListField, TextField } from '../http-validation/fields';

export class PartnershipMemberDto {
  @IdField({ example: 'riverside-teaching-hospitals' }) organisationId: string;
  @EnumField(PARTNERSHIP_ROLES) role: PartnershipRole;
}

export class FormPartnershipDto {
  @IdField({ optional: true, description: 'generated when omitted' }) partnershipId?: string;
  @TextField({ max: 200, example: 'Riverside–Lean Care improvement partnership' }) name: string;
  @NestedListField(() => PartnershipMemberDto, {
    minItems: 1,
    maxItems: 50,
    description: "the members; at least one with role 'lead', each organisation once",
  })
  members: PartnershipMemberDto[];
}

export class JoinMemberDto extends PartnershipMemberDto {}

export class LeaveMemberDto {
  @TextField({ max: 2000 }) reason: string;
}
