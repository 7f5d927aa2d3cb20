import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';

const all = () => true;

describe('Bm25Index', () => {
  it('scores rare terms above common ones and short documents above long ones', () => {
    const index = new Bm25Index();
    index.add(0, 'dog walk');
    index.add(1, 'dog walk park rain cold late');
    index.add(2, 'cat walk');
    index.add(3, 'walk');
    const [first, second] = index.search(['dog', 'walk'], 4, all);
    expect(first!.slot).toBe(0);
    expect(second!.slot).toBe(1);
    expect(index.search(['walk'], 4, all)[0]!.slot).toBe(3);
  });

  it('matches the textbook formula on a tiny corpus', () => {
    const index = new Bm25Index();
    index.add(0, 'a b');
    index.add(1, 'b c c');
    const [hit] = index.search(['c'], 1, all, { k1: 1.2, b: 0.75 });
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const averageLength = 2.5;
    const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / averageLength));
    expect(hit!.score).toBeCloseTo(expected, 12);
  });

  it('forgets removed documents, including in its statistics', () => {
    const index = new Bm25Index();
    index.add(0, 'x');
    index.add(1, 'x y');
    const before = index.search(['y'], 1, all)[0]!.score;
    index.remove(0);
    expect(index.search(['x'], 5, all).map((hit) => hit.slot)).toEqual([1]);
    expect(index.search(['y'], 1, all)[0]!.score).not.toBeCloseTo(before, 6);
  });
});

const WORDS = ['tea', 'cake', 'dog', 'walk', 'rain', 'book', 'piano', 'beach', 'garden', 'train'];

function document(seed: number): string {
  return Array.from({ length: 3 + (seed % 5) }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]!).join(' ');
}

describe('Bm25Index under churn and weighted queries', () => {
  it('scores after removals (and the compaction they trigger) exactly like an index that never held them', () => {
    const churned = new Bm25Index();
    const fresh = new Bm25Index();
    const size = 3000;
    for (let slot = 0; slot < size; slot++) churned.add(slot, document(slot));
    for (let slot = 0; slot < size; slot++) {
      if (slot % 3 === 0) fresh.add(slot, document(slot));
      else churned.remove(slot);
    }
    for (const query of [['tea'], ['dog', 'beach'], ['piano', 'piano', 'rain']]) {
      const expected = fresh.search(query, 20, () => true);
      const actual = churned.search(query, 20, () => true);
      expect(actual.map((hit) => hit.slot)).toEqual(expected.map((hit) => hit.slot));
      actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 10));
    }
  });

  it('weights expansion terms below query terms and leaves its buffer clean', () => {
    const index = new Bm25Index();
    index.add(0, 'tea cake');
    index.add(1, 'coffee cake');
    index.add(2, 'walk');
    const { scores, touched } = index.scoreWeighted(
      new Map([
        ['tea', 1],
        ['coffee', 0.5],
      ]),
    );
    expect(scores[0]!).toBeCloseTo(2 * scores[1]!);
    expect(touched.sort()).toEqual([0, 1]);
    index.release(scores, touched);
    const walk = index.score(['walk']);
    expect(walk.touched).toEqual([2]);
    expect(Array.from(walk.scores.slice(0, 3))).toEqual([0, 0, walk.scores[2]]);
    const walkScore = walk.scores[2]!;
    index.release(walk.scores, walk.touched);
    expect(index.score(['walk']).scores[2]).toBe(walkScore);
  });

  it('scores a few slots from their own terms exactly as the postings score them', () => {
    const index = new Bm25Index();
    const words = ['tea', 'cake', 'walk', 'rain', 'dog', 'cello'];
    for (let slot = 0; slot < 300; slot++)
      index.add(
        slot,
        Array.from({ length: 1 + (slot % 7) }, (_, i) => words[(slot * 3 + i * i) % words.length]).join(' '),
      );
    index.remove(17);
    const query = new Map([
      ['cello', 1],
      ['tea', 2],
      ['dog', 0.4],
      ['absent', 1],
    ]);
    const { scores, touched } = index.scoreWeighted(query);
    const slots = [0, 5, 17, 42, 299];
    const expected = slots.map((slot) => scores[slot]!);
    index.release(scores, touched);
    expect(index.scoreSlots(query, slots)).toEqual(expected);
    expect(expected[2]).toBe(0);
  });
});
