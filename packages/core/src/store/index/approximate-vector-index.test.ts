import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.js';
import { ApproximateVectorIndex, loadUsearch, STALE_KEY } from './approximate-vector-index.js';
import { ExactVectorIndex } from './exact-vector-index.js';

const DIMENSIONS = 32;
const usearch = loadUsearch();
const OPTIONS = { minVectors: 200, connectivity: 16, expansionAdd: 256, expansionSearch: 256, oversample: 8 };

/** Clustered unit vectors: 20 centres, each vector a centre plus noise (random vectors are HNSW's worst case). */
function clusteredVectors(count: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 20 }, () => Float32Array.from({ length: DIMENSIONS }, () => random() - 0.5));
  return Array.from({ length: count }, (_, i) => {
    const centre = centres[i % centres.length]!;
    const vector = Float32Array.from(centre, (value) => value + (random() - 0.5) * 0.3);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function topSlots(index: { search: ExactVectorIndex['search'] }, query: Float32Array): number[] {
  return index.search(query, 10, () => true).map((hit) => hit.slot);
}

describe.skipIf(usearch === null)('ApproximateVectorIndex', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resonant-ann-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const vectors = clusteredVectors(1000, 7);
  const queries = clusteredVectors(30, 99);

  function filled(): { approximate: ApproximateVectorIndex; exact: ExactVectorIndex } {
    const approximate = new ApproximateVectorIndex(DIMENSIONS, usearch!, OPTIONS);
    const exact = new ExactVectorIndex(DIMENSIONS);
    approximate.setMany(0, vectors);
    exact.setMany(0, vectors);
    return { approximate, exact };
  }

  function overlap(approximate: ApproximateVectorIndex, exact: ExactVectorIndex): number {
    let found = 0;
    for (const query of queries) {
      const truth = new Set(topSlots(exact, query));
      found += topSlots(approximate, query).filter((slot) => truth.has(slot)).length;
    }
    return found / (queries.length * 10);
  }

  it('stays exact below the threshold and finds the exact top-10 above it', () => {
    const small = new ApproximateVectorIndex(DIMENSIONS, usearch!, OPTIONS);
    small.setMany(0, vectors.slice(0, 100));
    expect(small.approximate).toBe(false);
    const { approximate, exact } = filled();
    expect(approximate.approximate).toBe(true);
    expect(overlap(approximate, exact)).toBeGreaterThanOrEqual(0.95);
  });

  it('never returns a removed slot and scores hits exactly', () => {
    const { approximate, exact } = filled();
    const removed = topSlots(exact, queries[0]!).slice(0, 3);
    for (const slot of removed) approximate.remove(slot);
    const hits = approximate.search(queries[0]!, 10, () => true);
    expect(hits.map((hit) => hit.slot)).not.toContain(removed[0]);
    const exactScores = new Map(exact.search(queries[0]!, 50, () => true).map((hit) => [hit.slot, hit.score]));
    for (const hit of hits) expect(hit.score).toBe(exactScores.get(hit.slot));
  });

  it('answers a filter that rejects most neighbours with the exact scan', () => {
    const { approximate, exact } = filled();
    const accept = (slot: number) => slot % 97 === 0;
    expect(approximate.search(queries[1]!, 5, accept)).toEqual(exact.search(queries[1]!, 5, accept));
  });

  it('adopts a saved graph under other slots, drops stale keys, and refuses a file that does not match', () => {
    const path = join(dir, 'ns.usearch');
    const slotOfKeySaved = filled().approximate.saveGraph(path)!;
    expect(slotOfKeySaved).toEqual(vectors.map((_, slot) => slot));

    // The next process loads the same vectors in reverse order: key k now lives at slot n-1-k.
    const reversed = [...vectors].reverse();
    const exact = new ExactVectorIndex(DIMENSIONS);
    exact.setMany(0, reversed);
    const reopen = () => {
      const index = new ApproximateVectorIndex(DIMENSIONS, usearch!, OPTIONS);
      index.defer();
      index.setMany(0, reversed);
      return index;
    };
    const last = vectors.length - 1;
    const adopted = reopen();
    expect(
      adopted.adopt(
        path,
        slotOfKeySaved.map((slot) => last - slot),
      ),
    ).toBe(true);
    expect(adopted.unsaved).toBe(false);
    expect(overlap(adopted, exact)).toBeGreaterThanOrEqual(0.95);

    // Key 0's vector was replaced since: dropped from the graph and added again under a new key.
    const caughtUp = reopen();
    expect(
      caughtUp.adopt(
        path,
        slotOfKeySaved.map((slot) => (slot === 0 ? STALE_KEY : last - slot)),
      ),
    ).toBe(true);
    expect(caughtUp.unsaved).toBe(true);
    expect(overlap(caughtUp, exact)).toBeGreaterThanOrEqual(0.95);

    // A list claiming one slot twice, and a list longer than the graph. (The file's own integrity is
    // the caller's check: usearch never returns from loading some malformed files, see adopt.)
    expect(
      reopen().adopt(
        path,
        slotOfKeySaved.map(() => 0),
      ),
    ).toBe(false);
    const refused = reopen();
    expect(refused.adopt(path, [...slotOfKeySaved.map((slot) => last - slot), STALE_KEY])).toBe(false);
    expect(refused.approximate).toBe(false);
    refused.buildGraph();
    expect(overlap(refused, exact)).toBeGreaterThanOrEqual(0.95);
  });
});
