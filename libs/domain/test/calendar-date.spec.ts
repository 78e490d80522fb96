import {
  EARLIEST_DATE,
  LATEST_DATE,
  calendarDateOfDay,
  compareCalendarDates,
  dayNumber,
  interventionDecider,
  isCalendarDate,
  isInstant,
} from '../src';
import { given } from './given-when-then';
import { SOURCE, recordMeasurement, registered } from './intervention.fixtures';

describe('calendar dates: YYYY-MM-DD only', () => {
  describe('given a real day written YYYY-MM-DD', () => {
    it('when checked, then it is a calendar date, including 29 February of a leap year', () => {
      for (const date of ['2019-04-01', '2020-02-29', '2000-02-29', '2019-12-31', EARLIEST_DATE, LATEST_DATE])
        expect(isCalendarDate(date)).toBe(true);
      expect([EARLIEST_DATE, LATEST_DATE]).toEqual(['1948-04-01', '2100-03-31']);
    });
  });

  describe('given another ISO 8601 form of the same day', () => {
    it('when checked, then it is refused: basic, week, ordinal, date-time, reduced precision', () => {
      for (const value of [
        '20190401',
        '2019-W01-1',
        '2019W011',
        '2019-091',
        '2019091',
        '2019-04-01T00:00:00Z',
        '2019-04-01T00:00',
        '2019-04',
        '2019',
        '+002019-04-01',
        '2019-4-1',
      ]) {
        expect(isCalendarDate(value)).toBe(false);
      }
    });
  });

  describe('given a day that does not exist, or lies outside the range', () => {
    it('when checked, then it is refused', () => {
      for (const value of [
        '2019-02-29',
        '1900-02-29',
        '2019-02-30',
        '2019-04-31',
        '2019-13-01',
        '2019-00-10',
        '2019-01-00',
        '2019-01-32',
        '1948-03-31',
        '2100-04-01',
        '0000-01-01',
        '9999-12-31',
      ]) {
        expect(isCalendarDate(value)).toBe(false);
      }
    });
  });

  describe('given two calendar dates', () => {
    it('when compared, then they are compared as days', () => {
      expect(compareCalendarDates('2019-04-01', '2019-06-30')).toBeLessThan(0);
      expect(compareCalendarDates('2019-06-30', '2019-04-01')).toBe(90);
      expect(compareCalendarDates('2020-03-01', '2020-02-29')).toBe(1);
      expect(compareCalendarDates('2019-04-01', '2019-04-01')).toBe(0);
      expect(calendarDateOfDay(dayNumber('2019-04-01'))).toBe('2019-04-01');
      expect(() => dayNumber('20190401')).toThrow(/not a calendar date/);
    });
  });
});

describe('instants: a full date-time with seconds and a time zone', () => {
  it('given Z or an offset, with or without a fraction, when checked, then it is an instant', () => {
    for (const value of [
      '2020-03-31T23:59:59Z',
      '2020-03-31T23:59:59.123Z',
      '2020-04-01T00:59:59+01:00',
      '2020-03-31T23:59:59.123456789-05:30',
      '2019-04-01T00:00:00+00:00',
    ]) {
      expect(isInstant(value)).toBe(true);
    }
  });

  it('given a date alone, no time zone, no seconds, another ISO form or an impossible time, when checked, then it is refused', () => {
    for (const value of [
      '2020-03-31',
      '2020-03-31T23:59:59',
      '2020-03-31T23:59Z',
      '2020-03-31 23:59:59Z',
      '20200331T235959Z',
      '2020-W14-2T10:00:00Z',
      '2020-091T10:00:00Z',
      '2020-03-31t23:59:59z',
      '2020-03-31T24:00:00Z',
      '2020-03-31T23:60:00Z',
      '2020-03-31T23:59:60Z',
      '2019-02-29T10:00:00Z',
      '2020-03-31T23:59:59+0100',
      '2020-03-31T23:59:59+24:00',
      '2020-03-31T23:59:59.1234567890Z',
      '0000-01-01T00:00:00Z',
      'yesterday',
      '',
      1585699199000,
    ]) {
      expect(isInstant(value)).toBe(false);
    }
  });
});

describe('a measurement period is compared as dates (intervention decider)', () => {
  it('given an intervention, when a period runs 2019-04-01 to 2019-06-30, then it is recorded as given', () => {
    given(interventionDecider, [registered()])
      .when(recordMeasurement({ periodStart: '2019-04-01', periodEnd: '2019-06-30' }))
      .then([
        {
          type: 'MeasurementRecorded',
          data: {
            measurementId: 'los-baseline',
            measure: 'length of stay',
            unit: 'days',
            kind: 'baseline',
            value: 7.5,
            period: { start: '2019-04-01', end: '2019-06-30' },
            source: SOURCE,
          },
        },
      ]);
  });

  it('given an intervention, when the period is reversed, then it is refused (period-reversed, on periodEnd)', () => {
    given(interventionDecider, [registered()])
      .when(recordMeasurement({ periodStart: '2019-06-30', periodEnd: '2019-04-01' }))
      .thenFails({ kind: 'rule-violated', rule: 'period-reversed', field: 'periodEnd' });
  });

  it('given an intervention, when a command reaches the domain with another form of date, then it is refused as invalid-date, not compared as text', () => {
    given(interventionDecider, [registered()])
      .when(recordMeasurement({ periodStart: '20190401', periodEnd: '2019-W26-7' }))
      .thenFails({ kind: 'rule-violated', rule: 'invalid-date', field: 'periodStart' });
    given(interventionDecider, [registered()])
      .when(recordMeasurement({ periodStart: '2019-04-01', periodEnd: '2019-02-30' }))
      .thenFails({ kind: 'rule-violated', rule: 'invalid-date', field: 'periodEnd' });
  });
});
