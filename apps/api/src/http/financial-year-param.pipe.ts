import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { FIRST_FINANCIAL_YEAR, LAST_FINANCIAL_YEAR, financialYearFromSlug } from '@benefit-ledger/domain';

/** A financial year in a path: `2019-20`, or `2019/20` URL-encoded as `2019%2F20`, within the ledger's range; answers `2019/20`. */
export class FinancialYearParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    const financialYear = financialYearFromSlug(value);
    if (!financialYear) {
      throw new BadRequestException(
        `${this.name} must be a financial year like 2019-20 (or 2019%2F20), two consecutive years from ${FIRST_FINANCIAL_YEAR} to ${LAST_FINANCIAL_YEAR}, got '${value}'`,
      );
    }
    return financialYear;
  }
}

export const FinancialYearParam = (name: string) => Param(name, new FinancialYearParamPipe(name));

/** Documents a path's financial year (OpenAPI) as FinancialYearParam reads it. */
export const ApiFinancialYearParam = (name = 'financialYear') =>
  ApiParam({
    name,
    schema: { type: 'string', pattern: '^\\d{4}[-/]\\d{2}$', example: '2019-20' },
    description: `the financial year, written 2019-20 (or 2019/20 URL-encoded: 2019%2F20), ${FIRST_FINANCIAL_YEAR} to ${LAST_FINANCIAL_YEAR}`,
  });
