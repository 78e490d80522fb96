import { BooleanField, IdField, NestedField, TextField, TextListField } from '../http-validation/fields';

export class LensesDto {
  @BooleanField() economic: boolean;
  @BooleanField() social: boolean;
  @BooleanField() strategic: boolean;
}

export class RegisterInterventionDto {
  @IdField({ optional: true, description: 'generated when omitted' }) interventionId?: string;
  @TextField({ max: 200, example: 'Discharge to assess: frailty pathway' }) title: string;
  @IdField() leadOrganisationId: string;
  @TextField({ optional: true, max: 200, example: 'frailty' }) pathway?: string;
  @TextField({ optional: true, max: 200, example: 'Lean / Virginia Mason Production System' }) method?: string;
  @NestedField(() => LensesDto) lenses: LensesDto;
  @TextListField({ maxItems: 20 }) strategicPriorities: string[];
}
