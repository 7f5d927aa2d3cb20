import { describe, expect, it } from 'vitest';
import { CONTEXT_SPREAD_DEFAULTS, EpisodeTimeline } from './episode-timeline.js';

const MINUTE = 60_000;
const options = { ...CONTEXT_SPREAD_DEFAULTS, weight: 0.5, decay: 0.5, reach: 2 };

function spreadFrom(timeline: EpisodeTimeline, size: number, hits: Record<number, number>): { scores: number[]; reached: number[] } {
  const scores = new Float64Array(size);
  for (const [slot, score] of Object.entries(hits)) scores[Number(slot)] = score;
  const reached = timeline.spread(scores, Object.keys(hits).map(Number), options);
  return { scores: Array.from(scores), reached: reached.sort((a, b) => a - b) };
}

describe('EpisodeTimeline', () => {
  it('spreads a decaying share of a hit to the turns around it, without cascading', () => {
    const timeline = new EpisodeTimeline();
    for (let slot = 0; slot < 6; slot++) timeline.add(slot, slot * MINUTE);
    const { scores, reached } = spreadFrom(timeline, 6, { 2: 4 });
    expect(scores).toEqual([1, 2, 4, 2, 1, 0]);
    expect(reached).toEqual([0, 1, 2, 3, 4]);
  });

  it('orders by creation time, not by insertion, and stops at long pauses', () => {
    const timeline = new EpisodeTimeline();
    timeline.add(0, 10 * MINUTE);
    timeline.add(1, 30 * MINUTE);
    timeline.add(2, 20 * MINUTE); // said between 0 and 1, remembered last
    timeline.add(3, 30 * MINUTE + 2 * CONTEXT_SPREAD_DEFAULTS.maxGapMs); // a later conversation
    const { scores } = spreadFrom(timeline, 4, { 2: 4 });
    expect(scores).toEqual([2, 2, 4, 0]);
    expect(spreadFrom(timeline, 4, { 3: 4 }).scores).toEqual([0, 0, 0, 4]);
  });

  it('skips removed turns and passes nothing when the weight is 0', () => {
    const timeline = new EpisodeTimeline();
    for (let slot = 0; slot < 4; slot++) timeline.add(slot, slot * MINUTE);
    timeline.remove(1);
    expect(timeline.has(1)).toBe(false);
    expect(spreadFrom(timeline, 4, { 0: 4 }).scores).toEqual([4, 0, 2, 1]);
    const scores = new Float64Array([4, 0, 0, 0]);
    expect(timeline.spread(scores, [0], { ...options, weight: 0 })).toEqual([0]);
    expect(Array.from(scores)).toEqual([4, 0, 0, 0]);
  });

  it('relinks history imported newest first, and forgets a turn removed before the relink', () => {
    const timeline = new EpisodeTimeline();
    const size = 20_000;
    for (let slot = 0; slot < size; slot++) timeline.add(slot, (size - slot) * MINUTE);
    timeline.remove(size - 11);
    const scores = new Float64Array(size);
    scores[size - 10] = 4;
    timeline.spread(scores, [size - 10], options);
    // Slot size-10 was said at minute 10; its neighbours in time are the slots just above and below.
    expect(scores[size - 9]).toBe(2);
    expect(scores[size - 8]).toBe(1);
    expect(scores[size - 11]).toBe(0);
    expect(scores[size - 12]).toBe(2);
    expect(scores[size - 13]).toBe(1);
  });
});
