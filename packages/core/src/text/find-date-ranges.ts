import { stemEnglish } from './stem-english.js';

const DAY_MS = 86_400_000;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Search term of each month name (and its common abbreviation) -> month 0..11. */
const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((name, month) => {
  MONTHS.set(stemEnglish(name), month);
  MONTHS.set(name.slice(0, 3), month);
});
const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^(19|20)\d\d$/;

/** A span of time in ms since the epoch, `from` inclusive, `to` exclusive. */
export interface DateRange {
  from: number;
  to: number;
}

/**
 * The calendar dates a query names, read from its search terms: "3 June 2023", "June 3rd, 2023"
 * (that day) and "June 2023" (that month, also when the day is impossible), each widened by a day on both sides because the
 * speaker's day and the stored UTC day can differ. A month name without a year is not a date
 * ("may" is also a verb).
 */
export function findDateRanges(terms: readonly string[]): DateRange[] {
  const ranges: DateRange[] = [];
  for (let i = 0; i < terms.length; i++) {
    const month = MONTHS.get(terms[i]!);
    if (month === undefined) continue;
    const before = DAY.exec(terms[i - 1] ?? '');
    const after = DAY.exec(terms[i + 1] ?? '');
    const yearAfterDay =
      after && terms[i + 2] !== undefined && YEAR.test(terms[i + 2]!) ? Number(terms[i + 2]) : undefined;
    const yearNext = terms[i + 1] !== undefined && YEAR.test(terms[i + 1]!) ? Number(terms[i + 1]) : undefined;
    const year = yearAfterDay ?? yearNext;
    if (year === undefined) continue;
    const day = Number(yearAfterDay !== undefined ? after?.[1] : before?.[1]);
    if (day >= 1 && day <= 31) {
      const start = Date.UTC(year, month, day);
      ranges.push({ from: start - DAY_MS, to: start + 2 * DAY_MS });
    } else {
      ranges.push({ from: Date.UTC(year, month, 1) - DAY_MS, to: Date.UTC(year, month + 1, 1) + DAY_MS });
    }
  }
  return ranges;
}
