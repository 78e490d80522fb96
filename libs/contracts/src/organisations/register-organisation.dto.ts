import { ORGANISATION_TYPES, OrganisationType } from '@benefit-ledger/domain';
import { EnumField, IdField, TextField } from '../http-validation/fields';

export class RegisterOrganisationDto {
  @IdField({ optional: true, description: 'generated when omitted', example: 'leeds-teaching-hospitals' })
  organisationId?: string;
  @TextField({ max: 200, example: 'Leeds Teaching Hospitals NHS Trust' }) name: string;
  @EnumField(ORGANISATION_TYPES) type: OrganisationType;
  @IdField({ optional: true, description: 'the ICB (organisation id) it belongs to' }) system?: string;
}
