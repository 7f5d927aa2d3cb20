import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import { documentSparseVector, querySparseVector, SPARSE_VECTOR_DEFAULTS, termIndex } from './sparse-vector.js';

describe('sparse vectors from search terms', () => {
  it('weights document terms by saturated, length-normalised frequency (BM25 without IDF)', () => {
    const terms = tokenizeForSearch('Alice plays cello; the cello is old');
    expect(terms).toEqual(['alic', 'plai', 'cello', 'cello', 'old']);
    const vector = documentSparseVector(terms);
    const { k1, b, averageLength } = SPARSE_VECTOR_DEFAULTS;
    const weight = (tf: number) => (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * terms.length) / averageLength));
    const byIndex = new Map(vector.indices.map((index, position) => [index, vector.values[position]]));
    expect(byIndex.get(termIndex('cello'))).toBeCloseTo(weight(2), 12);
    expect(byIndex.get(termIndex('alic'))).toBeCloseTo(weight(1), 12);
    expect(vector.indices).toHaveLength(4);
  });

  it('weights query terms by repetition', () => {
    const vector = querySparseVector(['cello', 'alic', 'cello']);
    expect(new Map(vector.indices.map((index, position) => [index, vector.values[position]]))).toEqual(
      new Map([
        [termIndex('cello'), 2],
        [termIndex('alic'), 1],
      ]),
    );
  });

  it('always gives unique, sorted u32 indices with positive values, saturating below k1 + 1', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }), (terms) => {
        const vector = documentSparseVector(terms);
        expect(new Set(vector.indices).size).toBe(vector.indices.length);
        expect([...vector.indices].sort((a, b) => a - b)).toEqual(vector.indices);
        for (const index of vector.indices) expect(Number.isInteger(index) && index >= 0 && index < 2 ** 32).toBe(true);
        for (const value of vector.values) expect(value).toBeGreaterThan(0);
        // A hash collision may add two terms' weights; short term lists almost never collide.
        for (const value of vector.values) expect(value).toBeLessThan(2 * (SPARSE_VECTOR_DEFAULTS.k1 + 1));
      }),
    );
  });

  it('gives an empty vector for no terms', () => {
    expect(documentSparseVector([])).toEqual({ indices: [], values: [] });
    expect(querySparseVector([])).toEqual({ indices: [], values: [] });
  });
});
