import { describe, expect, it } from 'vitest';
import { exactInnerProduct, ExactVectorIndex } from './exact-vector-index.js';

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function randomVector(random: () => number, dimensions: number, density: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let d = 0; d < dimensions; d++) if (random() < density) vector[d] = random() * 2 - 1;
  return vector;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

describe('ExactVectorIndex', () => {
  it('returns exactly the brute-force top k, across blocks, after removals and with a filter', () => {
    const random = seededRandom(7);
    const dimensions = 24;
    const index = new ExactVectorIndex(dimensions);
    const vectors: Float32Array[] = [];
    for (let slot = 0; slot < 9000; slot++) {
      vectors.push(randomVector(random, dimensions, 0.4));
      index.set(slot, vectors[slot]!);
    }
    const removed = new Set([3, 4096, 5000, 8999]);
    for (const slot of removed) index.remove(slot);
    const accept = (slot: number) => slot % 7 !== 0;
    for (const density of [0.1, 1]) {
      const query = randomVector(random, dimensions, density);
      const expected = vectors
        .map((vector, slot) => ({ slot, score: dot(vector, query) }))
        .filter(({ slot }) => !removed.has(slot) && accept(slot))
        .sort((a, b) => b.score - a.score)
        .slice(0, 25);
      const actual = index.search(query, 25, accept);
      expect(actual.map((hit) => hit.slot)).toEqual(expected.map((hit) => hit.slot));
      actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 5));
    }
  });

  it('keeps vectors through block growth and replaces a slot in place', () => {
    const index = new ExactVectorIndex(3);
    for (let slot = 0; slot < 100; slot++) index.set(slot, Float32Array.of(slot, -slot, 1));
    expect(Array.from(index.vectorAt(57)!)).toEqual([57, -57, 1]);
    index.set(57, Float32Array.of(0, 0, 2));
    expect(Array.from(index.vectorAt(57)!)).toEqual([0, 0, 2]);
    index.remove(57);
    expect(index.vectorAt(57)).toBeUndefined();
    expect(index.vectorAt(100)).toBeUndefined();
    expect(index.search(Float32Array.of(1, 0, 0), 2, () => true).map((hit) => hit.slot)).toEqual([99, 98]);
  });

  it('finds nothing in an empty index or for k = 0', () => {
    const index = new ExactVectorIndex(4);
    expect(index.search(Float32Array.of(1, 0, 0, 0), 5, () => true)).toEqual([]);
    index.set(0, Float32Array.of(1, 0, 0, 0));
    expect(index.search(Float32Array.of(1, 0, 0, 0), 0, () => true)).toEqual([]);
  });

  it('holds the same vectors whether set one by one or in runs, with or without room reserved', () => {
    const random = seededRandom(11);
    const dimensions = 7;
    const vectors = Array.from({ length: 9500 }, () => randomVector(random, dimensions, 0.5));
    const single = new ExactVectorIndex(dimensions);
    vectors.forEach((vector, slot) => single.set(slot, vector));
    const runs = new ExactVectorIndex(dimensions);
    runs.reserve(5000);
    // Uneven runs, across block boundaries (4096) and beyond the reserved room.
    for (let slot = 0; slot < vectors.length; slot += 1337) runs.setMany(slot, vectors.slice(slot, slot + 1337));
    for (const slot of [0, 255, 256, 4095, 4096, 5000, 8191, 8192, 9499])
      expect(Array.from(runs.vectorAt(slot)!)).toEqual(Array.from(vectors[slot]!));
    expect(runs.vectorAt(9500)).toBeUndefined();
    const query = randomVector(random, dimensions, 1);
    expect(runs.search(query, 30, () => true)).toEqual(single.search(query, 30, () => true));
  });

  it('scores exactly as exactInnerProduct does, to the bit, and keeps only scores above a floor', () => {
    const random = seededRandom(5);
    const dimensions = 37;
    const vectors = Array.from({ length: 500 }, () => randomVector(random, dimensions, 0.6));
    const index = new ExactVectorIndex(dimensions);
    index.setMany(0, vectors);
    for (const density of [0.05, 0.3, 1]) {
      const query = randomVector(random, dimensions, density);
      const hits = index.search(query, 500, () => true);
      expect(hits).toHaveLength(500);
      for (const hit of hits) expect(hit.score).toBe(exactInnerProduct(query, vectors[hit.slot]!));
      const positive = index.search(query, 500, () => true, { above: 0 });
      expect(positive.map((hit) => hit.slot)).toEqual(hits.filter((hit) => hit.score > 0).map((hit) => hit.slot));
    }
  });
});
