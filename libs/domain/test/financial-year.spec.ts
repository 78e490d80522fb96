import {
  FIRST_FINANCIAL_YEAR,
  LAST_FINANCIAL_YEAR,
  financialYearAfter,
  financialYearEndsAt,
  financialYearFromSlug,
  financialYearOf,
  financialYearSlug,
  financialYearStart,
  isFinancialYear,
  isFinancialYearNotation,
  recordedFinancialYearFromSlug,
} from '../src';

describe('financial years (1948/49 to 2099/00)', () => {
  describe('given a year written 2019/20 inside the range', () => {
    it('when checked, then it is a financial year, and its slug reads back as itself', () => {
      for (const year of ['2019/20', '1948/49', '1999/00', '2000/01', '2099/00']) {
        expect(isFinancialYear(year)).toBe(true);
        expect(financialYearFromSlug(financialYearSlug(year))).toBe(year);
        expect(financialYearFromSlug(year)).toBe(year);
      }
    });
  });

  describe('given the ends of the range', () => {
    it("when checked, then the first is the NHS's founding year and the last ends on 31 March 2100", () => {
      expect(FIRST_FINANCIAL_YEAR).toBe('1948/49');
      expect(LAST_FINANCIAL_YEAR).toBe('2099/00');
      expect(financialYearStart(FIRST_FINANCIAL_YEAR)).toBe('1948-04-01');
      expect(financialYearSlug(LAST_FINANCIAL_YEAR)).toBe('2099-00');
      expect(financialYearEndsAt(LAST_FINANCIAL_YEAR).toISOString()).toBe('2100-03-31T23:00:00.000Z');
      expect(financialYearOf('2100-03-31')).toBe(LAST_FINANCIAL_YEAR);
      expect(financialYearOf('1948-04-01')).toBe(FIRST_FINANCIAL_YEAR);
    });

    it('when one year beyond either end, then it is refused', () => {
      expect(financialYearAfter(LAST_FINANCIAL_YEAR)).toBe('2100/01');
      for (const year of ['1947/48', '2100/01', '0000/01', '9999/00', '1899/00']) {
        expect(isFinancialYear(year)).toBe(false);
        expect(financialYearFromSlug(financialYearSlug(year))).toBeNull();
      }
    });
  });

  describe('given anything but two consecutive years written YYYY/YY', () => {
    it('when checked, then it is refused', () => {
      for (const value of [
        '2019/21',
        '2019-20x',
        '2019/2020',
        '19/20',
        '2019 /20',
        ' 2019/20',
        '2019/20 ',
        '2019',
        '２０１９/20',
        '2019\\20',
        '',
        null,
        2019,
        undefined,
        {},
      ]) {
        expect(isFinancialYear(value)).toBe(false);
      }
      expect(financialYearFromSlug('2019-21')).toBeNull();
      expect(financialYearFromSlug('201920')).toBeNull();
    });
  });

  describe('given a stream id written before the range existed', () => {
    it('when read back, then the notation alone is checked, so an old ledger still replays', () => {
      expect(isFinancialYearNotation('0000/01')).toBe(true);
      expect(recordedFinancialYearFromSlug('0000-01')).toBe('0000/01');
      expect(recordedFinancialYearFromSlug('9999-00')).toBe('9999/00');
      expect(recordedFinancialYearFromSlug('2019-21')).toBeNull();
    });
  });
});
