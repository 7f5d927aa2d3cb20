import { describe, expect, it } from 'vitest';
import { matchValueFilter } from './match-value-filter.js';

describe('matchValueFilter', () => {
  const value = { status: 'final', score: 3, tags: ['a', 'b'], owner: { name: 'Ana' } };

  it('matches every value when there is no filter, and plain fields by equality (JSON for arrays and objects)', () => {
    expect(matchValueFilter(value, undefined)).toBe(true);
    expect(matchValueFilter(value, {})).toBe(true);
    expect(matchValueFilter(value, { status: 'final', score: 3 })).toBe(true);
    expect(matchValueFilter(value, { status: 'final', score: 4 })).toBe(false);
    expect(matchValueFilter(value, { tags: ['a', 'b'] })).toBe(true);
    expect(matchValueFilter(value, { tags: ['b', 'a'] })).toBe(false);
    expect(matchValueFilter(value, { owner: { name: 'Ana' } })).toBe(true); // not operators: compared as a value
    expect(matchValueFilter(value, { missing: 'x' })).toBe(false);
  });

  it('applies each comparison operator, all of them when several are given', () => {
    expect(matchValueFilter(value, { status: { $eq: 'final' } })).toBe(true);
    expect(matchValueFilter(value, { status: { $ne: 'final' } })).toBe(false);
    expect(matchValueFilter(value, { score: { $gt: 2, $lt: 4 } })).toBe(true);
    expect(matchValueFilter(value, { score: { $gt: 3 } })).toBe(false);
    expect(matchValueFilter(value, { score: { $gte: 3, $lte: 3 } })).toBe(true);
    expect(matchValueFilter(value, { status: { $in: ['draft', 'final'] } })).toBe(true);
    expect(matchValueFilter(value, { status: { $nin: ['draft', 'final'] } })).toBe(false);
    expect(matchValueFilter(value, { owner: { $in: [{ name: 'Ana' }] } })).toBe(true);
    expect(matchValueFilter(value, { status: { $in: 'final' } })).toBe(false); // $in needs a list
  });
});
