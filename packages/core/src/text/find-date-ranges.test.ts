import { describe, expect, it } from 'vitest';
import { findDateRanges } from './find-date-ranges.js';
import { tokenizeForSearch } from './tokenize-for-search.js';

const DAY = 86_400_000;
const ranges = (query: string) =>
  findDateRanges(tokenizeForSearch(query)).map(({ from, to }) => [
    new Date(from).toISOString().slice(0, 10),
    (to - from) / DAY,
  ]);

describe('findDateRanges', () => {
  it('reads day-month-year and month-day-year as that day, widened by a day each side', () => {
    expect(ranges('What did she share on 3 June, 2023?')).toEqual([['2023-06-02', 3]]);
    expect(ranges('What did he show her on October 13th, 2023?')).toEqual([['2023-10-12', 3]]);
  });

  it('reads month-year as the month, widened by a day each side', () => {
    expect(ranges('Where did they go in May 2023?')).toEqual([['2023-04-30', 33]]);
    expect(ranges('plans for Dec 2024')).toEqual([['2024-11-30', 33]]);
  });

  it('ignores month names without a year and impossible days', () => {
    expect(ranges('You may go in June')).toEqual([]);
    expect(ranges('on 45 June 2023')).toEqual([['2023-05-31', 32]]);
  });
});
