import { FinancialYearField, IdField, InstantField, QueryIntField, TextField } from '../http-validation/fields';

/** `asAt`: a full ISO 8601 timestamp with a time zone; the answer uses only events recorded at or before it. */
export const AsAtField = () => InstantField({ optional: true, description: 'answer as known at this instant' });

export class ValueQueryDto {
  @FinancialYearField({ optional: true, description: 'only this financial year' }) financialYear?: string;
  @AsAtField() asAt?: string;
}

export class CapacityQueryDto extends ValueQueryDto {
  @IdField({ optional: true, description: 'the organisation where the capacity landed' }) organisationId?: string;
  @TextField({ optional: true, max: 100, example: 'bed-days' }) resource?: string;
}

/** Attribution follows the agreement in force for a year, so the year is required. */
export class AttributionQueryDto {
  @FinancialYearField({ description: 'the year whose agreement and benefits apply' }) financialYear: string;
  @AsAtField() asAt?: string;
}

export class TraceQueryDto {
  // a reference is ASCII (fig1. and base64url): the form bounds the URL too, which Node refuses (431) beyond 16 KB
  @TextField({
    max: 4000,
    description: 'a figure reference (the `ref` beside any figure a query returns)',
    pattern: {
      regex: /^[A-Za-z0-9._-]+$/,
      message: 'figure is not a figure reference returned by a query (a reference is letters, digits and . _ - only)',
    },
  })
  figure: string;
  @QueryIntField({
    optional: true,
    min: 0,
    max: 1e9,
    description: "first term to list (default 0); the answer's page.nextOffset gives the next page",
  })
  offset?: number;
  @QueryIntField({
    optional: true,
    min: 1,
    max: 10_000,
    description: 'terms to list (default 100); the figure and its total are always whole',
  })
  limit?: number;
}
