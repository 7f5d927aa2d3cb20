import { describe, expect, it } from 'vitest';
import type { MemoryKind } from '../../records/memory-kind.js';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import { PLAIN_BM25 } from './lexical-search-options.js';
import { NamespaceIndex, type IndexEntry } from './namespace-index.js';

const MINUTE = 60_000;

function entry(id: string, text: string, minute: number, kind: MemoryKind = 'episode') {
  return { id, kind, archived: false, terms: tokenizeForSearch(text).join(' '), vector: Float32Array.of(1, 0, 0, 0), createdAt: minute * MINUTE, seq: 1 };
}

describe('NamespaceIndex lexical channel', () => {
  it('finds the answer turn after the question turn that shares the query words', () => {
    const index = new NamespaceIndex(4);
    index.upsert(entry('q', 'Mel: What kind of counseling do you want to do?', 0));
    index.upsert(entry('a', 'Caro: Working with trans people, supporting their mental health.', 1));
    index.upsert(entry('x', 'Mel: The kids loved the beach.', 200));
    const lexical = index.search(tokenizeForSearch('counseling'), Float32Array.of(1, 0, 0, 0), 10, {}).lexical;
    expect(lexical.map((hit) => hit.id)).toEqual(['q', 'a']);
    expect(lexical[1]!.score).toBeCloseTo(0.4 * lexical[0]!.score);
  });

  it('spreads only between episodes, and not at all when turned off', () => {
    const facts = new NamespaceIndex(4);
    facts.upsert(entry('q', 'What kind of counseling?', 0, 'fact'));
    facts.upsert(entry('a', 'Mental health work.', 1, 'fact'));
    expect(facts.search(tokenizeForSearch('counseling'), Float32Array.of(1, 0, 0, 0), 10, {}).lexical.map((hit) => hit.id)).toEqual(['q']);
    const off = new NamespaceIndex(4, PLAIN_BM25);
    off.upsert(entry('q', 'What kind of counseling?', 0));
    off.upsert(entry('a', 'Mental health work.', 1));
    expect(off.search(tokenizeForSearch('counseling'), Float32Array.of(1, 0, 0, 0), 10, {}).lexical.map((hit) => hit.id)).toEqual(['q']);
  });

  it('never returns a filtered-out neighbour, though it may lend context', () => {
    const index = new NamespaceIndex(4);
    index.upsert(entry('q', 'What kind of counseling?', 0));
    index.upsert(entry('a', 'Mental health work.', 1));
    const lexical = index.search(tokenizeForSearch('counseling'), Float32Array.of(1, 0, 0, 0), 10, { onlyIds: new Set(['a']) }).lexical;
    expect(lexical.map((hit) => hit.id)).toEqual(['a']);
  });

  it('boosts memories created on a date the query names', () => {
    const index = new NamespaceIndex(4);
    const at = (id: string, date: string) => ({ ...entry(id, 'We adopted a puppy.', 0), createdAt: Date.parse(date) });
    index.upsert(at('may', '2023-05-10T12:00:00Z'));
    index.upsert(at('june', '2023-06-03T18:00:00Z'));
    const lexical = index.search(tokenizeForSearch('What did they adopt on 3 June, 2023?'), Float32Array.of(1, 0, 0, 0), 10, {}).lexical;
    expect(lexical.map((hit) => hit.id)).toEqual(['june', 'may']);
    expect(lexical[0]!.score).toBeCloseTo(2 * lexical[1]!.score);
  });

  it('gives the same answer to a query whatever was searched before (reused score buffer)', () => {
    const texts = ['Mel: We went camping by the lake.', 'Caro: The lake was calm.', 'Mel: Then the kids painted.', 'Caro: Painting is my therapy.'];
    const build = () => {
      const index = new NamespaceIndex(4);
      texts.forEach((text, i) => index.upsert(entry(`t${i}`, text, i)));
      return index;
    };
    const vector = Float32Array.of(1, 0, 0, 0);
    const used = build();
    used.search(tokenizeForSearch('lake camping'), vector, 10, {});
    used.search(tokenizeForSearch('kids'), vector, 10, {});
    expect(used.search(tokenizeForSearch('painting therapy'), vector, 10, {})).toEqual(build().search(tokenizeForSearch('painting therapy'), vector, 10, {}));
  });
});

const DIMS = 4;
const unit = (axis: number) => Float32Array.from({ length: DIMS }, (_, i) => (i === axis ? 1 : 0));
const entryAt = (id: string, terms: string[], axis: number, seq: number, patch: Partial<IndexEntry> = {}): IndexEntry => ({ id, kind: 'episode', archived: false, terms: terms.join(' '), vector: unit(axis), createdAt: seq * 3_600_000_000, seq, ...patch });
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('NamespaceIndex entries', () => {
  it('finds entries lexically and by vector, and filters by kind and archive state', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['tea', 'morn'], 0, 1));
    index.upsert(entryAt('b', ['tea', 'even'], 1, 1, { kind: 'preference' }));
    index.upsert(entryAt('c', ['coffe'], 0, 1, { archived: true }));
    expect(ids(index.search(['tea'], unit(3), 10, {}).lexical).sort()).toEqual(['a', 'b']);
    expect(ids(index.search([], unit(0), 1, {}).vector)).toEqual(['a']);
    expect(ids(index.search([], unit(0), 5, { includeArchived: true }).vector).slice(0, 2).sort()).toEqual(['a', 'c']);
    expect(ids(index.search(['tea'], unit(1), 10, { kinds: new Set(['preference']) }).lexical)).toEqual(['b']);
    expect(ids(index.search(['tea'], unit(1), 10, { onlyIds: new Set(['a']) }).lexical)).toEqual(['a']);
  });

  it('replaces an entry on upsert, but never with an older write', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['old'], 0, 5));
    index.upsert(entryAt('a', ['new'], 1, 6));
    index.upsert(entryAt('a', ['stale'], 2, 4));
    expect(index.size).toBe(1);
    expect(ids(index.search(['new'], unit(1), 5, {}).lexical)).toEqual(['a']);
    expect(index.search(['old'], unit(3), 5, {}).lexical).toEqual([]);
    expect(index.search(['stale'], unit(3), 5, {}).lexical).toEqual([]);
  });

  it('ignores a tombstone older than the entry it names', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['tea'], 0, 7));
    index.remove('a', 6);
    expect(index.has('a')).toBe(true);
    index.remove('a', 8);
    expect(index.has('a')).toBe(false);
    expect(index.search(['tea'], unit(0), 5, {}).lexical).toEqual([]);
  });

  it('stays correct across the rebuild that reclaims removed slots', () => {
    const index = new NamespaceIndex(DIMS);
    for (let i = 0; i < 3000; i++) index.upsert(entryAt(`m${i}`, [`t${i % 7}`, 'common'], i % DIMS, i));
    for (let i = 0; i < 3000; i++) if (i % 3 !== 0) index.remove(`m${i}`);
    expect(index.size).toBe(1000);
    const lexical = index.search(['t0'], unit(0), 2000, {}).lexical;
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 && i % 7 === 0).map((i) => `m${i}`);
    expect(ids(lexical).sort()).toEqual(expected.sort());
    const vector = index.search([], unit(1), 2000, {}).vector.filter((hit) => hit.score > 0.5);
    expect(vector).toHaveLength(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 && i % DIMS === 1).length);
  });

  it('gives the same index from upsertMany as from one upsert at a time, repeats of an id included', () => {
    const entries = Array.from({ length: 2500 }, (_, i) => entryAt(`m${i % 550}`, [`t${i % 11}`, `u${i % 5}`], i % DIMS, 1 + Math.floor(i / 700)));
    const one = new NamespaceIndex(DIMS);
    for (const item of entries) one.upsert(item);
    const many = new NamespaceIndex(DIMS);
    many.reserve(1000);
    for (let i = 0; i < entries.length; i += 600) many.upsertMany(entries.slice(i, i + 600));
    expect(many.size).toBe(550);
    for (const [terms, axis] of [[['t3'], 0], [['u1', 't4'], 2], [[], 3]] as const) {
      expect(many.search(terms, unit(axis), 50, {})).toEqual(one.search(terms, unit(axis), 50, {}));
    }
  });
});
