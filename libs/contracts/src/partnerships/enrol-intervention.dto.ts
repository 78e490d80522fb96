import { BasisPointsField, IdField } from '../http-validation/fields';
import { RestatableDto } from '../shared/restatement.dto';

export class EnrolInterventionDto extends RestatableDto {
  @IdField() interventionId: string;
  @BasisPointsField({
    example: 10000,
    description: "the share of the intervention's validated value attributed to the partnership, in basis points",
  })
  attributionBasisPoints: number;
}
