import { describe, expect, it } from 'vitest';
import type { Neighbours, TimelineEntry } from '../store/memory-store.js';
import { CONTEXT_SPREAD_DEFAULTS, spreadRelevance } from './spread-relevance.js';

const MINUTE = 60_000;
const options = { ...CONTEXT_SPREAD_DEFAULTS, weight: 0.5, decay: 0.5, reach: 2 };
const entry = (id: string, minute: number): TimelineEntry => ({
  id,
  kind: 'episode',
  createdAt: minute * MINUTE,
  archived: false,
});

/** The sum of shares each id receives. */
function received(shares: { id: string; share: number }[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const { id, share } of shares) sums[id] = (sums[id] ?? 0) + share;
  return sums;
}

describe('spreadRelevance', () => {
  it('passes a decaying share of a source to the turns around it, without cascading', () => {
    const around: Neighbours = {
      id: 't2',
      before: [entry('t1', 1), entry('t0', 0)],
      after: [entry('t3', 3), entry('t4', 4)],
    };
    const shares = spreadRelevance([{ id: 't2', score: 4, createdAt: 2 * MINUTE }], new Map([['t2', around]]), options);
    expect(shares).toEqual([
      { id: 't1', share: 2 },
      { id: 't0', share: 1 },
      { id: 't3', share: 2 },
      { id: 't4', share: 1 },
    ]);
    // Two sources: each passes its own score, not what it received.
    const both = spreadRelevance(
      [
        { id: 't2', score: 4, createdAt: 2 * MINUTE },
        { id: 't3', score: 2, createdAt: 3 * MINUTE },
      ],
      new Map([
        ['t2', around],
        ['t3', { id: 't3', before: [entry('t2', 2)], after: [] }],
      ]),
      options,
    );
    expect(received(both)).toEqual({ t1: 2, t0: 1, t3: 2, t4: 1, t2: 1 });
  });

  it('stops at a pause longer than maxGapMs', () => {
    const later = 3 + (2 * CONTEXT_SPREAD_DEFAULTS.maxGapMs) / MINUTE;
    const around: Neighbours = { id: 't2', before: [entry('t1', 1)], after: [entry('t3', later)] };
    expect(
      received(spreadRelevance([{ id: 't2', score: 4, createdAt: 2 * MINUTE }], new Map([['t2', around]]), options)),
    ).toEqual({ t1: 2 });
  });

  it('passes nothing when the weight is 0, from a source scoring 0, or without neighbours', () => {
    const around = new Map([['t0', { id: 't0', before: [], after: [entry('t1', 1)] }]]);
    expect(spreadRelevance([{ id: 't0', score: 4, createdAt: 0 }], around, { ...options, weight: 0 })).toEqual([]);
    expect(spreadRelevance([{ id: 't0', score: 0, createdAt: 0 }], around, options)).toEqual([]);
    expect(spreadRelevance([{ id: 'other', score: 4, createdAt: 0 }], around, options)).toEqual([]);
  });
});
