import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createSeededRandom, gaussian } from './create-seeded-random.js';
import { createSlotMemory } from './create-slot-memory.js';

const unit = (values: number[]) => {
  const length = Math.hypot(...values);
  return values.map((value) => value / length);
};
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / Math.hypot(...Array.from(a)) / Math.hypot(...Array.from(b));
};

describe('createSlotMemory', () => {
  it('moves each slot by gate x attention toward the session mean (K = 2, uniform attention, worked by hand)', () => {
    const slots = createSlotMemory({ dimensions: 2, slots: 2, gate: 1, sharpness: 0 });
    // Sharpness 0 makes the attention [0.5, 0.5]; the session's mean of (1, 0) and (1, 2) is (1, 1) / sqrt 2.
    slots.writeSession('n', [Float32Array.of(1, 0)]);
    const before = slots.slots('n')!;
    const mean = unit([1, 1]);
    const write = slots.writeSession('n', [Float32Array.of(1, 0), Float32Array.of(1, 2)]);
    expect(write.attention).toEqual([0.5, 0.5]);
    const readOut = unit([0.5 * before[0]![0]! + 0.5 * before[1]![0]!, 0.5 * before[0]![1]! + 0.5 * before[1]![1]!]);
    expect(write.patternSimilarity).toBeCloseTo(readOut[0]! * mean[0]! + readOut[1]! * mean[1]!, 12);
    const after = slots.slots('n')!;
    for (let k = 0; k < 2; k++) {
      const expected = unit([
        before[k]![0]! + 0.5 * (mean[0]! - before[k]![0]!),
        before[k]![1]! + 0.5 * (mean[1]! - before[k]![1]!),
      ]);
      expect(after[k]![0]).toBeCloseTo(expected[0]!, 12);
      expect(after[k]![1]).toBeCloseTo(expected[1]!, 12);
    }
    expect(slots.usage('n')).toEqual([0.5, 0.5]);
  });

  it('learns a repeated session: a slot turns toward it and the pattern similarity rises', () => {
    const random = createSeededRandom(8);
    const slots = createSlotMemory({ dimensions: 32 });
    const session = [Float32Array.from({ length: 32 }, () => gaussian(random))];
    const first = slots.writeSession('n', session).patternSimilarity;
    let last = first;
    for (let i = 0; i < 20; i++) last = slots.writeSession('n', session).patternSimilarity;
    expect(last).toBeGreaterThan(0.95);
    expect(last).toBeGreaterThan(first);
    expect(cosine(slots.read('n', session[0]!)!, session[0]!)).toBeGreaterThan(0.95);
    expect(slots.read('other', session[0]!)).toBeNull();
  });

  it('stays finite and unit-norm over 5,000 sessions', () => {
    const random = createSeededRandom(9);
    const slots = createSlotMemory({ dimensions: 64 });
    const topics = Array.from({ length: 12 }, () => Float32Array.from({ length: 64 }, () => gaussian(random)));
    for (let t = 0; t < 5000; t++) {
      const topic = topics[Math.floor(random() * topics.length)]!;
      const write = slots.writeSession('n', [
        Float32Array.from(topic, (value) => value + gaussian(random)),
        Float32Array.from(topic, (value) => value * 1e6),
      ]);
      expect(Number.isFinite(write.patternSimilarity)).toBe(true);
    }
    expect(slots.health('n')).toMatchObject({ finite: true, nonFinite: 0 });
    expect(slots.health('n').normError).toBeLessThan(1e-9);
    const usage = slots.usage('n');
    expect(usage.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 9);
  });

  it('refuses NaN, infinity, an empty session and a wrong size', () => {
    const slots = createSlotMemory({ dimensions: 3 });
    expect(() => slots.writeSession('n', [Float32Array.of(1, Number.NaN, 0)])).toThrow(InvalidInputError);
    expect(() => slots.writeSession('n', [Float32Array.of(1, Number.POSITIVE_INFINITY, 0)])).toThrow(InvalidInputError);
    expect(() => slots.writeSession('n', [])).toThrow(InvalidInputError);
    expect(() => slots.writeSession('n', [Float32Array.of(1, 0)])).toThrow(InvalidInputError);
    expect(slots.health('n')).toEqual({ finite: true, nonFinite: 0, normError: 0 });
  });
});
