import { BENEFIT_STATUSES, INTERVENTION_STATUSES, LENSES, ORGANISATION_TYPES } from '@benefit-ledger/domain';
import { INTERVENTION_SORTS, SORT_ORDERS } from '@benefit-ledger/projections';
import { EnumField, FinancialYearField, IdField, QueryIntField, TextField } from '../http-validation/fields';
import { AsAtField } from '../read-models/value-query.dto';

/** The most items one page may hold, and how many a page holds when `limit` is left out. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

/**
 * Paging and the log's instant, shared by every list. Any other query parameter is refused (400, naming it): the
 * global validation pipe forbids properties a DTO does not declare.
 */
export class ListQueryDto {
  @QueryIntField({ optional: true, min: 0, max: 1e9, description: 'items to skip (default 0)' }) offset?: number;
  @QueryIntField({
    optional: true,
    min: 1,
    max: MAX_PAGE,
    description: `items in the page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})`,
  })
  limit?: number;
  @AsAtField() asAt?: string;
}

const SearchField = () =>
  TextField({ optional: true, max: 200, description: 'a part of the name or the id, letters in any case' });

export class InterventionListQueryDto extends ListQueryDto {
  @IdField({ optional: true, description: 'only interventions this organisation leads' }) leadOrganisationId?: string;
  @EnumField(INTERVENTION_STATUSES, {
    optional: true,
    description: 'only interventions with this status (as at the cutoff)',
  })
  status?: string;
  @FinancialYearField({
    optional: true,
    description: "only interventions with a cost or a benefit in this year, and only that year's figures",
  })
  financialYear?: string;
  @EnumField(LENSES, { optional: true, description: 'only interventions registered under this lens' }) lens?:
    'economic' | 'social' | 'strategic';
  @TextField({ optional: true, max: 200, description: 'a part of the title or the id, letters in any case' })
  q?: string;
  @EnumField(INTERVENTION_SORTS, { optional: true, description: 'sort by (default title)' })
  sort?: (typeof INTERVENTION_SORTS)[number];
  @EnumField(SORT_ORDERS, { optional: true, description: 'asc or desc (default: asc by title, desc by a figure)' })
  order?: (typeof SORT_ORDERS)[number];
}

export class OrganisationListQueryDto extends ListQueryDto {
  @EnumField(ORGANISATION_TYPES, { optional: true, description: 'only organisations of this type' }) type?: string;
  @IdField({ optional: true, description: "only organisations of this integrated care system (its ICB's id)" })
  system?: string;
  @SearchField() q?: string;
}

export class PartnershipListQueryDto extends ListQueryDto {
  @IdField({
    optional: true,
    description: 'only partnerships this organisation was a member of (present or past) by the cutoff',
  })
  organisationId?: string;
  @SearchField() q?: string;
}

export class BenefitListQueryDto extends ListQueryDto {
  @EnumField(BENEFIT_STATUSES, {
    optional: true,
    description: 'claimed: awaiting finance (the validation queue); validated; rejected',
  })
  status?: 'claimed' | 'validated' | 'rejected';
  @FinancialYearField({ optional: true, description: 'only benefits of this year' }) financialYear?: string;
  @IdField({ optional: true, description: "only this intervention's benefits" }) interventionId?: string;
  @IdField({
    optional: true,
    description:
      'benefits of interventions this organisation leads or landing at it: auditors and admins any (default all), everyone else their own (the default)',
  })
  organisationId?: string;
  @EnumField(SORT_ORDERS, { optional: true, description: 'by when claimed: asc (oldest first, the default) or desc' })
  order?: (typeof SORT_ORDERS)[number];
}
