import { describe, expect, it } from 'vitest';
import { EpisodeTimeline } from './episode-timeline.js';

const MINUTE = 60_000;
const all = () => true;

describe('EpisodeTimeline', () => {
  it('finds the turns said just before and after, nearest first, up to the radius', () => {
    const timeline = new EpisodeTimeline();
    for (let slot = 0; slot < 6; slot++) timeline.add(slot, slot * MINUTE);
    expect(timeline.neighbours(2, 2, all)).toEqual({ before: [1, 0], after: [3, 4] });
    expect(timeline.neighbours(0, 3, all)).toEqual({ before: [], after: [1, 2, 3] });
    expect(timeline.neighbours(9, 3, all)).toEqual({ before: [], after: [] });
  });

  it('orders by creation time, not by insertion', () => {
    const timeline = new EpisodeTimeline();
    timeline.add(0, 10 * MINUTE);
    timeline.add(1, 30 * MINUTE);
    timeline.add(2, 20 * MINUTE); // said between 0 and 1, remembered last
    timeline.add(3, 90 * MINUTE);
    expect(timeline.neighbours(2, 2, all)).toEqual({ before: [0], after: [1, 3] });
  });

  it('orders equal times by `precedes`, and steps over the turns `accept` refuses', () => {
    const names = ['b', 'c', 'a', 'd'];
    const timeline = new EpisodeTimeline((x, y) => names[x]! < names[y]!);
    for (let slot = 0; slot < 4; slot++) timeline.add(slot, MINUTE);
    expect(timeline.neighbours(0, 3, all)).toEqual({ before: [2], after: [1, 3] });
    expect(timeline.neighbours(0, 3, (slot) => slot !== 1)).toEqual({ before: [2], after: [3] });
  });

  it('skips removed turns', () => {
    const timeline = new EpisodeTimeline();
    for (let slot = 0; slot < 4; slot++) timeline.add(slot, slot * MINUTE);
    timeline.remove(1);
    expect(timeline.has(1)).toBe(false);
    expect(timeline.neighbours(0, 2, all)).toEqual({ before: [], after: [2, 3] });
    expect(timeline.neighbours(1, 2, all)).toEqual({ before: [], after: [] });
  });

  it('relinks history imported newest first, and forgets a turn removed before the relink', () => {
    const timeline = new EpisodeTimeline();
    const size = 20_000;
    for (let slot = 0; slot < size; slot++) timeline.add(slot, (size - slot) * MINUTE);
    timeline.remove(size - 11);
    // Slot size-10 was said at minute 10; its neighbours in time are the slots just above and below.
    expect(timeline.neighbours(size - 10, 2, all)).toEqual({
      before: [size - 9, size - 8],
      after: [size - 12, size - 13],
    });
  });
});
