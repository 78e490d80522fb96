import { financialYearsOffered, inputToInstant, instantToInput } from '../src/view/view-state';

describe('the view kept in the URL', () => {
  it('reads an "as at" typed in a datetime-local input as UTC, and writes it back the same', () => {
    expect(inputToInstant('2020-03-31T23:59:59')).toBe('2020-03-31T23:59:59Z');
    expect(inputToInstant('2020-03-31T23:59')).toBe('2020-03-31T23:59:00Z');
    expect(inputToInstant('')).toBeNull();
    expect(inputToInstant('31/03/2020')).toBeNull();
    expect(instantToInput('2020-03-31T23:59:59Z')).toBe('2020-03-31T23:59:59');
    expect(instantToInput(null)).toBe('');
  });

  it('offers the financial years up to the one starting next April, and keeps a year already in the URL', () => {
    const years = financialYearsOffered(new Date('2026-12-07T10:00:00Z'), null);
    expect(years[0]).toBe('2027/28');
    expect(years).toContain('2019/20');
    expect(years[years.length - 1]).toBe('2016/17');
    expect(financialYearsOffered(new Date('2026-02-01T00:00:00Z'), null)[0]).toBe('2026/27');
    expect(financialYearsOffered(new Date('2026-12-07T10:00:00Z'), '2009/10')[0]).toBe('2009/10');
  });
});
