import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps exactly the k best of any sequence, best first (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 30 }),
        (scores, k) => {
          const top = new TopK(k);
          scores.forEach((score, slot) => top.offer(slot, score));
          const expected = scores
            .map((score, slot) => ({ slot, score }))
            .sort((a, b) => b.score - a.score || a.slot - b.slot)
            .slice(0, k)
            .map((item) => item.score);
          expect(top.result().map((item) => item.score)).toEqual(expected);
        },
      ),
    );
  });

  it('keeps the same tied items whatever order they are offered in: ties go by `precedes` (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 120 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (scores, k, seed) => {
          // Slots ranked by a name that is not their number, as a store ranks ties by memory id.
          const name = (slot: number) => `id-${(slot * 7919 + seed) % 1009}-${slot}`;
          const precedes = (a: number, b: number) => name(a) < name(b);
          const expected = scores
            .map((score, slot) => ({ slot, score }))
            .sort((a, b) => b.score - a.score || (name(a.slot) < name(b.slot) ? -1 : 1))
            .slice(0, k);
          for (const order of [scores.map((_, slot) => slot), scores.map((_, slot) => slot).reverse()]) {
            const top = new TopK(k, precedes);
            for (const slot of order) top.offer(slot, scores[slot]!);
            expect(top.result()).toEqual(expected);
          }
        },
      ),
    );
  });
});
