import { describe, expect, it } from 'vitest';
import { calendarPeriod, PERIOD_LABEL_PREFIX, periodLabel } from './consolidation-period.js';

const JST = 540;

describe('calendarPeriod', () => {
  it('cuts days, Monday weeks and months in local time', () => {
    // 2026-03-01 23:30 in Tokyo is 14:30 UTC: still Sunday 1 March there.
    const lateSunday = new Date('2026-03-01T14:30:00Z');
    expect(calendarPeriod(1, lateSunday, JST)).toEqual({
      key: '2026-03-01',
      start: new Date('2026-02-28T15:00:00Z'),
      end: new Date('2026-03-01T15:00:00Z'),
    });
    expect(calendarPeriod(2, lateSunday, JST)).toEqual({
      key: '2026-02-23/week',
      start: new Date('2026-02-22T15:00:00Z'),
      end: new Date('2026-03-01T15:00:00Z'),
    });
    expect(calendarPeriod(3, lateSunday, JST)).toEqual({
      key: '2026-03',
      start: new Date('2026-02-28T15:00:00Z'),
      end: new Date('2026-03-31T15:00:00Z'),
    });
    // In UTC the same instant is Sunday too; an hour later Tokyo is on Monday, 2 March.
    expect(calendarPeriod(1, lateSunday, 0).key).toBe('2026-03-01');
    expect(calendarPeriod(1, new Date('2026-03-01T15:30:00Z'), JST).key).toBe('2026-03-02');
    expect(calendarPeriod(2, new Date('2026-03-01T15:30:00Z'), JST).key).toBe('2026-03-02/week');
  });

  it('labels periods so that the label can be recognised and stripped again', () => {
    const labels = [
      periodLabel(0, new Date('2026-03-01T09:00:00Z'), new Date('2026-03-01T09:45:00Z'), 0),
      periodLabel(0, new Date('2026-03-01T23:50:00Z'), new Date('2026-03-02T00:10:00Z'), 0),
      periodLabel(1, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T23:59:59Z'), 0),
      periodLabel(2, new Date('2026-02-23T00:00:00Z'), new Date('2026-03-01T23:59:59Z'), 0),
      periodLabel(3, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-31T23:59:59Z'), 0),
    ];
    expect(labels).toEqual([
      '[2026-03-01 09:00–09:45]',
      '[2026-03-01 23:50–2026-03-02 00:10]',
      '[2026-03-01]',
      '[week of 2026-02-23]',
      '[2026-03]',
    ]);
    for (const label of labels) expect(`${label} text`.replace(PERIOD_LABEL_PREFIX, '')).toBe('text');
  });
});
