import { describe, expect, it } from 'vitest';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import { BM25_DEFAULTS } from '../bm25.js';
import { NamespaceIndex, type IndexEntry } from './namespace-index.js';

const MINUTE = 60_000;
const DIMS = 4;
const unit = (axis: number) => Float32Array.from({ length: DIMS }, (_, i) => (i === axis ? 1 : 0));
const entryAt = (
  id: string,
  terms: string[],
  axis: number,
  seq: number,
  patch: Partial<IndexEntry> = {},
): IndexEntry => ({
  id,
  kind: 'episode',
  archived: false,
  terms: terms.join(' '),
  vector: unit(axis),
  createdAt: seq * 3_600_000_000,
  seq,
  ...patch,
});
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);
/** Query terms weighted by their count, as recall hands them to a store without expansion. */
function weights(terms: readonly string[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const term of terms) counted.set(term, (counted.get(term) ?? 0) + 1);
  return counted;
}
const lexical = (index: NamespaceIndex, terms: readonly string[], limit: number, filter = {}) =>
  index.lexical(weights(terms), BM25_DEFAULTS, limit, filter);
/** Both channels of a query, for comparing two indexes. */
const both = (index: NamespaceIndex, terms: readonly string[], vector: Float32Array, limit: number) => ({
  lexical: lexical(index, terms, limit),
  vector: index.nearest(vector, limit, {}),
});

describe('NamespaceIndex', () => {
  it('finds entries lexically and by vector, and filters by kind, archive state, ids and creation time', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['tea', 'morn'], 0, 1));
    index.upsert(entryAt('b', ['tea', 'even'], 1, 1, { kind: 'preference' }));
    index.upsert(entryAt('c', ['coffe'], 0, 1, { archived: true }));
    expect(ids(lexical(index, ['tea'], 10)).sort()).toEqual(['a', 'b']);
    expect(ids(index.nearest(unit(0), 1, {}))).toEqual(['a']);
    expect(ids(index.nearest(unit(0), 5, { includeArchived: true }))).toEqual(['a', 'c']);
    expect(ids(lexical(index, ['tea'], 10, { kinds: ['preference'] }))).toEqual(['b']);
    expect(ids(lexical(index, ['tea'], 10, { onlyIds: new Set(['a']) }))).toEqual(['a']);
    expect(ids(lexical(index, ['tea'], 10, { createdWithin: [{ from: 0, to: 3_600_000_000 }] }))).toEqual([]);
    expect(lexical(index, ['tea'], 10, { kinds: ['preference'] })[0]).toMatchObject({
      kind: 'preference',
      createdAt: 3_600_000_000,
    });
  });

  it('breaks ties by id, whatever order the entries came in', () => {
    const index = new NamespaceIndex(DIMS);
    for (const id of ['m', 'c', 'x', 'a']) index.upsert(entryAt(id, ['tea'], 0, 1));
    expect(ids(lexical(index, ['tea'], 2))).toEqual(['a', 'c']);
    expect(ids(index.nearest(unit(0), 3, {}))).toEqual(['a', 'c', 'm']);
    expect(index.nearest(unit(1), 3, {})).toEqual([]);
  });

  it('lists the episodes around an episode, among those the filter allows; none for other kinds', () => {
    const index = new NamespaceIndex(DIMS);
    const at = (id: string, minute: number, patch: Partial<IndexEntry> = {}) =>
      index.upsert({ ...entryAt(id, ['x'], 0, 1), createdAt: minute * MINUTE, ...patch });
    at('e1', 0);
    at('e3', 1);
    at('e2', 1);
    at('f', 2, { kind: 'fact' });
    at('e4', 3, { archived: true });
    at('e5', 4);
    const episode = (id: string, minute: number, archived = false) => ({
      id,
      kind: 'episode',
      createdAt: minute * MINUTE,
      archived,
    });
    expect(index.episodeNeighbours('e3', 2, {})).toEqual({
      before: [episode('e2', 1), episode('e1', 0)],
      after: [episode('e5', 4)],
    });
    expect(index.episodeNeighbours('e3', 1, { includeArchived: true })?.after).toEqual([episode('e4', 3, true)]);
    expect(index.episodeNeighbours('f', 1, {})).toBeUndefined();
    expect(index.episodeNeighbours('missing', 1, {})).toBeUndefined();
  });

  it('gives the same answer to a query whatever was searched before (reused score buffer)', () => {
    const texts = [
      'Mel: We went camping by the lake.',
      'Caro: The lake was calm.',
      'Mel: Then the kids painted.',
      'Caro: Painting is my therapy.',
    ];
    const build = () => {
      const index = new NamespaceIndex(DIMS);
      texts.forEach((text, i) =>
        index.upsert({ ...entryAt(`t${i}`, tokenizeForSearch(text), 0, 1), createdAt: i * MINUTE }),
      );
      return index;
    };
    const used = build();
    lexical(used, tokenizeForSearch('lake camping'), 10);
    lexical(used, tokenizeForSearch('kids'), 10);
    expect(lexical(used, tokenizeForSearch('painting therapy'), 10)).toEqual(
      lexical(build(), tokenizeForSearch('painting therapy'), 10),
    );
  });

  it('scores ids asked for (few or many) as the full search does, from held scores and after a write', () => {
    const words = ['tea', 'cake', 'walk', 'rain', 'dog', 'cello', 'lake'];
    const build = (count: number) => {
      const index = new NamespaceIndex(DIMS);
      for (let i = 0; i < count; i++)
        index.upsert(
          entryAt(
            `m${String(i).padStart(4, '0')}`,
            Array.from({ length: 1 + (i % 5) }, (_, j) => words[(i * 3 + j * j) % words.length]!),
            0,
            i + 1,
          ),
        );
      return index;
    };
    const query = ['tea', 'dog', 'dog'];
    const byIds = (index: NamespaceIndex, asked: Set<string>) =>
      lexical(index, query, 1000).filter((hit) => asked.has(hit.id));
    const many = new Set(Array.from({ length: 400 }, (_, i) => `m${String(i * 2).padStart(4, '0')}`));
    const few = new Set(['m0003', 'm0010', 'm0500', 'absent']);
    const index = build(900);
    for (const asked of [many, few]) {
      const expected = byIds(build(900), asked);
      expect(expected.length).toBeGreaterThan(0);
      // Fresh (nothing held), then with the query's scores held from a full search just before.
      expect(lexical(build(900), query, 1000, { onlyIds: asked })).toEqual(expected);
      lexical(index, query, 5);
      expect(lexical(index, query, 1000, { onlyIds: asked })).toEqual(expected);
    }
    // A write changes every score (the statistics move): nothing held may survive it.
    const added = entryAt('m0900', ['tea', 'tea', 'dog'], 0, 901);
    const fresh = build(900);
    fresh.upsert(added);
    lexical(index, query, 5);
    index.upsert(added);
    for (const asked of [many, few, new Set(['m0900', 'm0003'])])
      expect(lexical(index, query, 1000, { onlyIds: asked })).toEqual(byIds(fresh, asked));
  });

  it('replaces an entry on upsert, but never with an older write', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['old'], 0, 5));
    index.upsert(entryAt('a', ['new'], 1, 6));
    index.upsert(entryAt('a', ['stale'], 2, 4));
    expect(index.size).toBe(1);
    expect(ids(lexical(index, ['new'], 5))).toEqual(['a']);
    expect(lexical(index, ['old'], 5)).toEqual([]);
    expect(lexical(index, ['stale'], 5)).toEqual([]);
  });

  it('ignores a tombstone older than the entry it names', () => {
    const index = new NamespaceIndex(DIMS);
    index.upsert(entryAt('a', ['tea'], 0, 7));
    index.remove('a', 6);
    expect(index.has('a')).toBe(true);
    index.remove('a', 8);
    expect(index.has('a')).toBe(false);
    expect(lexical(index, ['tea'], 5)).toEqual([]);
  });

  it('stays correct across the rebuild that reclaims removed slots', () => {
    const index = new NamespaceIndex(DIMS);
    for (let i = 0; i < 3000; i++) index.upsert(entryAt(`m${i}`, [`t${i % 7}`, 'common'], i % DIMS, i));
    for (let i = 0; i < 3000; i++) if (i % 3 !== 0) index.remove(`m${i}`);
    expect(index.size).toBe(1000);
    const found = lexical(index, ['t0'], 2000);
    const expected = Array.from({ length: 3000 }, (_, i) => i)
      .filter((i) => i % 3 === 0 && i % 7 === 0)
      .map((i) => `m${i}`);
    expect(ids(found).sort()).toEqual(expected.sort());
    const vector = index.nearest(unit(1), 2000, {}).filter((hit) => hit.similarity > 0.5);
    expect(vector).toHaveLength(
      Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 === 0 && i % DIMS === 1).length,
    );
  });

  it('gives the same index from upsertMany as from one upsert at a time, repeats of an id included', () => {
    const entries = Array.from({ length: 2500 }, (_, i) =>
      entryAt(`m${i % 550}`, [`t${i % 11}`, `u${i % 5}`], i % DIMS, 1 + Math.floor(i / 700)),
    );
    const one = new NamespaceIndex(DIMS);
    for (const item of entries) one.upsert(item);
    const many = new NamespaceIndex(DIMS);
    many.reserve(1000);
    for (let i = 0; i < entries.length; i += 600) many.upsertMany(entries.slice(i, i + 600));
    expect(many.size).toBe(550);
    for (const [terms, axis] of [
      [['t3'], 0],
      [['u1', 't4'], 2],
      [[], 3],
    ] as const) {
      expect(both(many, terms, unit(axis), 50)).toEqual(both(one, terms, unit(axis), 50));
    }
  });
});
