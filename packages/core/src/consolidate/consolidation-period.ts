const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Consolidation levels: 0 session summaries, 1 daily, 2 weekly, 3 milestones (monthly). */
export const CONSOLIDATION_LEVELS = [0, 1, 2, 3] as const;

/** A consolidation level (see {@link CONSOLIDATION_LEVELS}). */
export type ConsolidationLevel = (typeof CONSOLIDATION_LEVELS)[number];

/** The span of time one summary covers. */
export interface ConsolidationPeriod {
  /** Stable name of the period: `2023-05-08` (day), `2023-05-08/week` (week starting that Monday), `2023-05` (month). */
  readonly key: string;
  readonly start: Date;
  /** Exclusive end. */
  readonly end: Date;
}

/**
 * The calendar period of a level above sessions that contains `time`: the day (level 1), the week
 * starting on Monday (level 2) or the month (level 3), in local time at `utcOffsetMinutes`.
 */
export function calendarPeriod(level: 1 | 2 | 3, time: Date, utcOffsetMinutes: number): ConsolidationPeriod {
  const offset = utcOffsetMinutes * MINUTE_MS;
  const local = time.getTime() + offset;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  if (level === 1)
    return { key: localDate(dayStart), start: new Date(dayStart - offset), end: new Date(dayStart + DAY_MS - offset) };
  if (level === 2) {
    const sinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
    const weekStart = dayStart - sinceMonday * DAY_MS;
    return {
      key: `${localDate(weekStart)}/week`,
      start: new Date(weekStart - offset),
      end: new Date(weekStart + 7 * DAY_MS - offset),
    };
  }
  const day = new Date(dayStart);
  const monthStart = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
  const monthEnd = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
  return {
    key: localDate(monthStart).slice(0, 7),
    start: new Date(monthStart - offset),
    end: new Date(monthEnd - offset),
  };
}

/** The label a summary's text starts with: when the period was, in local time. */
export function periodLabel(level: ConsolidationLevel, start: Date, end: Date, utcOffsetMinutes: number): string {
  const offset = utcOffsetMinutes * MINUTE_MS;
  const from = new Date(start.getTime() + offset).toISOString();
  const to = new Date(end.getTime() + offset).toISOString();
  if (level === 0)
    return `[${from.slice(0, 10)} ${from.slice(11, 16)}–${to.slice(0, 10) === from.slice(0, 10) ? '' : `${to.slice(0, 10)} `}${to.slice(11, 16)}]`;
  if (level === 1) return `[${from.slice(0, 10)}]`;
  if (level === 2) return `[week of ${from.slice(0, 10)}]`;
  return `[${from.slice(0, 7)}]`;
}

/** A summary label such as `[2023-05-08 13:56–14:20] ` at the start of a text, for re-summarizing without it. */
export const PERIOD_LABEL_PREFIX =
  /^\[(?:week of )?\d{4}-\d{2}(?:-\d{2})?(?: \d{2}:\d{2}–(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2})?\]\s*/u;

function localDate(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}
