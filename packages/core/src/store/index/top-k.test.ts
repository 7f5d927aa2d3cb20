import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps exactly the k best of any sequence, best first (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), (scores, k) => {
        const top = new TopK(k);
        scores.forEach((score, slot) => top.offer(slot, score));
        const expected = scores
          .map((score, slot) => ({ slot, score }))
          .sort((a, b) => b.score - a.score || a.slot - b.slot)
          .slice(0, k)
          .map((item) => item.score);
        expect(top.result().map((item) => item.score)).toEqual(expected);
      }),
    );
  });
});
