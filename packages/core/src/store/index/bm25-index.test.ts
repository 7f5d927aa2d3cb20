import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';

const WORDS = ['tea', 'cake', 'dog', 'walk', 'rain', 'book', 'piano', 'beach', 'garden', 'train'];

function document(seed: number): string[] {
  return Array.from({ length: 3 + (seed % 5) }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]!);
}

describe('Bm25Index', () => {
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
    index.add(0, ['tea', 'cake']);
    index.add(1, ['coffee', 'cake']);
    index.add(2, ['walk']);
    const { scores, touched } = index.scoreWeighted(new Map([['tea', 1], ['coffee', 0.5]]));
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
});
