import 'reflect-metadata';
import { parseWasteReductionReport } from '../src/finance/waste-reduction-report-parser';

/** The validation other edges (the Kafka consumer) share with POST /finance/reports. */
describe('parseWasteReductionReport', () => {
  const report = {
    organisationId: 'riverside-teaching-hospitals',
    financialYear: '2019/20',
    totalPence: 55_000,
    lines: [{ lineId: 'CIP-01', description: 'Frailty', amountPence: 55_000, cashReleasing: false, recurrent: true }],
    source: { system: 'ledger', reference: 'CIP month 12' },
  };

  it('turns a valid message into the command the HTTP API would send, as plain data', () => {
    const parsed = parseWasteReductionReport(JSON.parse(JSON.stringify(report)));
    expect(parsed).toEqual({ command: { type: 'ReportWasteReduction', ...report } });
    const { command } = parsed as { command: object };
    expect(Object.getPrototypeOf((command as { lines: object[] }).lines[0])).toBe(Object.prototype);
  });

  it('names every bad field as the API does: unknown fields, wrong types, malformed years, nested lines', () => {
    const parsed = parseWasteReductionReport({
      ...report,
      financialYear: '2019-20',
      totalPence: '55000',
      extra: true,
      lines: [
        { ...report.lines[0], amountPence: 1.5 },
        { lineId: 'bad id!', description: 'x', amountPence: 1, cashReleasing: 'yes', recurrent: true },
      ],
    });
    expect('errors' in parsed && parsed.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'extra',
        'financialYear',
        'totalPence',
        'lines[0].amountPence',
        'lines[1].lineId',
        'lines[1].cashReleasing',
      ]),
    );
    expect(JSON.stringify(parsed)).toContain('property extra should not exist');
  });

  it('refuses what is not an object at all', () => {
    for (const message of [null, 'a report', [report], 42])
      expect(parseWasteReductionReport(message)).toHaveProperty('errors');
  });

  it('leaves the domain rules to the handler: a total that is not the sum of the lines still parses', () => {
    expect(parseWasteReductionReport({ ...report, totalPence: 1 })).toHaveProperty('command.totalPence', 1);
  });
});
