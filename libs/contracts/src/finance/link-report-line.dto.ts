import { ID_PATTERN } from '@benefit-ledger/domain';
import { IdField, NestedListField, PenceField, TextField, TextListField } from '../http-validation/fields';
import { RestatableDto } from '../shared/restatement.dto';

export class BenefitReferenceDto {
  @IdField() interventionId: string;
  @IdField() benefitId: string;
  @PenceField({
    optional: true,
    description:
      "how much of the benefit's validated value evidences the line; by default as much as is free and the line still needs",
  })
  amountPence?: number;
}

/**
 * The benefits that evidence one line of the current version: `benefitIds` (each claimed by exactly one
 * intervention) or `benefits` with their interventions (and amounts). Replaces the line's earlier links; an empty
 * list unlinks it.
 */
export class LinkReportLineDto extends RestatableDto {
  @IdField() lineId: string;
  @TextListField({
    oneOf: {
      other: 'benefits',
      message: 'give exactly one of benefitIds or benefits (an empty list unlinks the line)',
    },
    maxItems: 100,
    pattern: ID_PATTERN,
    description: 'benefit ids, each claimed by exactly one intervention',
  })
  benefitIds?: string[];
  @NestedListField(() => BenefitReferenceDto, { optional: true, maxItems: 100 }) benefits?: BenefitReferenceDto[];
}

export class SignOffReconciliationDto extends RestatableDto {
  @TextField({ max: 2000, example: 'Agreed with the director of finance, audit committee 2020-06-12' }) note: string;
}
