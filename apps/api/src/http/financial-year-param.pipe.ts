import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { FinancialYear, isFinancialYear } from '@benefit-ledger/domain';

/**
 * A financial year in a path: `2019-20`, or `2019/20` URL-encoded as `2019%2F20` (a bare slash would split the
 * path). Either way the handler gets `2019/20`.
 */
export class FinancialYearParamPipe implements PipeTransform<string, FinancialYear> {
  transform(value: string): FinancialYear {
    const year = /^\d{4}-\d{2}$/.test(value) ? value.replace('-', '/') : value;
    if (!isFinancialYear(year)) {
      throw new BadRequestException(`financialYear in the path must be a financial year written 2019-20 (or 2019%2F20), got '${value}'`);
    }
    return year;
  }
}

export const FinancialYearParam = (name: string) => Param(name, new FinancialYearParamPipe());
