import { BasisPointsField, IdField } from '../../http/fields';

export class EnrolInterventionDto {
  @IdField() interventionId: string;
  @BasisPointsField({ example: 10000, description: "the share of the intervention's validated value attributed to the partnership, in basis points" })
  attributionBasisPoints: number;
}
