import { describe, expect, it } from 'vitest';
import { bangkokDate, daysLeft, isWithinWindow } from '../../domain/timeliness.ts';

const q1Step1 = { startDate: '2017-10-01', endDate: '2017-12-20' };
const at = (s: string) => new Date(s);

describe('bangkokDate', () => {
  it('is seven hours ahead of UTC all year', () => {
    expect(bangkokDate(at('2017-12-20T16:59:59.999Z'))).toBe('2017-12-20');
    expect(bangkokDate(at('2017-12-20T17:00:00Z'))).toBe('2017-12-21');
    expect(bangkokDate(at('2017-12-31T17:00:00Z'))).toBe('2018-01-01');
    expect(bangkokDate(at('2018-06-30T23:00:00+07:00'))).toBe('2018-06-30');
  });

  it('refuses an invalid Date', () => {
    expect(() => bangkokDate(at('not a date'))).toThrow(RangeError);
  });
});

describe('isWithinWindow', () => {
  it('is on time until 23:59:59 Bangkok on the end date, late from 00:00 the next day', () => {
    expect(isWithinWindow(at('2017-12-20T16:59:59Z'), q1Step1)).toBe('on-time');
    expect(isWithinWindow(at('2017-12-20T23:59:59.999+07:00'), q1Step1)).toBe('on-time');
    expect(isWithinWindow(at('2017-12-20T17:00:00Z'), q1Step1)).toBe('late');
    expect(isWithinWindow(at('2017-12-21T00:00:00+07:00'), q1Step1)).toBe('late');
  });

  it('is early until 00:00 Bangkok on the start date', () => {
    expect(isWithinWindow(at('2017-09-30T16:59:59.999Z'), q1Step1)).toBe('early');
    expect(isWithinWindow(at('2017-09-30T17:00:00Z'), q1Step1)).toBe('on-time');
  });

  it('treats a one-day window as the whole Bangkok day', () => {
    const announce = { startDate: '2017-12-30', endDate: '2017-12-30' };
    expect(isWithinWindow(at('2017-12-29T16:59:59Z'), announce)).toBe('early');
    expect(isWithinWindow(at('2017-12-29T17:00:00Z'), announce)).toBe('on-time');
    expect(isWithinWindow(at('2017-12-30T16:59:59Z'), announce)).toBe('on-time');
    expect(isWithinWindow(at('2017-12-30T17:00:00Z'), announce)).toBe('late');
  });

  it('refuses a window with an invalid date', () => {
    expect(() => isWithinWindow(at('2017-12-20T00:00:00Z'), { startDate: '2017-10-01', endDate: '2017-11-31' })).toThrow(RangeError);
  });
});

describe('daysLeft', () => {
  it('is 0 all through the last Bangkok day and −1 from the next midnight', () => {
    expect(daysLeft(at('2017-12-19T17:00:00Z'), '2017-12-20')).toBe(0);
    expect(daysLeft(at('2017-12-20T16:59:59Z'), '2017-12-20')).toBe(0);
    expect(daysLeft(at('2017-12-20T17:00:00Z'), '2017-12-20')).toBe(-1);
  });

  it('is 1 the day before and 80 on the first day of an 81-day window', () => {
    expect(daysLeft(at('2017-12-19T16:59:59Z'), '2017-12-20')).toBe(1);
    expect(daysLeft(at('2017-10-01T00:00:00+07:00'), '2017-12-20')).toBe(80);
  });

  it('counts days across 29 February', () => {
    expect(daysLeft(at('2020-02-28T12:00:00+07:00'), '2020-03-01')).toBe(2);
    expect(daysLeft(at('2019-02-28T12:00:00+07:00'), '2019-03-01')).toBe(1);
  });

  it('keeps counting when overdue', () => {
    expect(daysLeft(at('2018-01-05T09:00:00+07:00'), '2017-12-20')).toBe(-16);
  });
});
