import { describe, expect, it } from 'vitest';
import { NamespaceIndex, type IndexEntry } from './namespace-index.js';

const DIMS = 4;
const unit = (axis: number) => Float32Array.from({ length: DIMS }, (_, i) => (i === axis ? 1 : 0));
const entry = (id: string, terms: string[], axis: number, seq: number, patch: Partial<IndexEntry> = {}): IndexEntry => ({ id, kind: 'episode', archived: false, terms, vector: unit(axis), seq, ...patch });
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('NamespaceIndex', () => {
  it('finds entries lexically and by vector, and filters by kind and archive state', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entry('a', ['tea', 'morn'], 0, 1));
    index.upsert(entry('b', ['tea', 'even'], 1, 1, { kind: 'preference' }));
    index.upsert(entry('c', ['coffe'], 0, 1, { archived: true }));
    expect(ids(index.search(['tea'], unit(3), 10, {}).lexical).sort()).toEqual(['a', 'b']);
    expect(ids(index.search([], unit(0), 1, {}).vector)).toEqual(['a']);
    expect(ids(index.search([], unit(0), 5, { includeArchived: true }).vector).slice(0, 2).sort()).toEqual(['a', 'c']);
    expect(ids(index.search(['tea'], unit(1), 10, { kinds: new Set(['preference']) }).lexical)).toEqual(['b']);
    expect(ids(index.search(['tea'], unit(1), 10, { onlyIds: new Set(['a']) }).lexical)).toEqual(['a']);
  });

  it('replaces an entry on upsert, but never with an older write', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entry('a', ['old'], 0, 5));
    index.upsert(entry('a', ['new'], 1, 6));
    index.upsert(entry('a', ['stale'], 2, 4));
    expect(index.size).toBe(1);
    expect(ids(index.search(['new'], unit(1), 5, {}).lexical)).toEqual(['a']);
    expect(index.search(['old'], unit(3), 5, {}).lexical).toEqual([]);
    expect(index.search(['stale'], unit(3), 5, {}).lexical).toEqual([]);
  });

  it('ignores a tombstone older than the entry it names', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entry('a', ['tea'], 0, 7));
    index.remove('a', 6);
    expect(index.has('a')).toBe(true);
    index.remove('a', 8);
    expect(index.has('a')).toBe(false);
    expect(index.search(['tea'], unit(0), 5, {}).lexical).toEqual([]);
  });

  it('stays correct across the rebuild that reclaims removed slots', () => {
    const index = new NamespaceIndex(DIMS);
    for (let i = 0; i < 3000; i++) index.upsert(entry(`m${i}`, [`t${i % 7}`, 'common'], i % DIMS, i));
    for (let i = 0; i < 3000; i++) if (i % 3 !== 0) index.remove(`m${i}`);
    expect(index.size).toBe(1000);
    const lexical = index.search(['t0'], unit(0), 2000, {}).lexical;
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 && i % 7 === 0).map((i) => `m${i}`);
    expect(ids(lexical).sort()).toEqual(expected.sort());
    const vector = index.search([], unit(1), 2000, {}).vector.filter((hit) => hit.score > 0.5);
    expect(vector).toHaveLength(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 && i % DIMS === 1).length);
  });
});
