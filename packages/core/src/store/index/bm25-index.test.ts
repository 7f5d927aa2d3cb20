import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';

const all = () => true;

describe('Bm25Index', () => {
  it('scores rare terms above common ones and short documents above long ones', () => {
    const index = new Bm25Index();
    index.add(0, ['dog', 'walk']);
    index.add(1, ['dog', 'walk', 'park', 'rain', 'cold', 'late']);
    index.add(2, ['cat', 'walk']);
    index.add(3, ['walk']);
    const [first, second] = index.search(['dog', 'walk'], 4, all);
    expect(first!.slot).toBe(0);
    expect(second!.slot).toBe(1);
    expect(index.search(['walk'], 4, all)[0]!.slot).toBe(3);
  });

  it('matches the textbook formula on a tiny corpus', () => {
    const index = new Bm25Index();
    index.add(0, ['a', 'b']);
    index.add(1, ['b', 'c', 'c']);
    const [hit] = index.search(['c'], 1, all, { k1: 1.2, b: 0.75 });
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const averageLength = 2.5;
    const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / averageLength));
    expect(hit!.score).toBeCloseTo(expected, 12);
  });

  it('forgets removed documents, including in its statistics', () => {
    const index = new Bm25Index();
    index.add(0, ['x']);
    index.add(1, ['x', 'y']);
    const before = index.search(['y'], 1, all)[0]!.score;
    index.remove(0);
    expect(index.search(['x'], 5, all).map((hit) => hit.slot)).toEqual([1]);
    expect(index.search(['y'], 1, all)[0]!.score).not.toBeCloseTo(before, 6);
  });
});
