import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CONTEXT, conformanceMemory } from '../store/conformance/conformance-memory.js';
import { InMemoryStore } from '../store/in-memory/in-memory-store.js';
import type { MemoryFilter, MemoryStore, StoredMemory } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { MemoryKind } from '../records/memory-kind.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { LEXICAL_SEARCH_DEFAULTS, PLAIN_BM25, type LexicalSearchOptions } from './lexical-search-options.js';
import { rankLexical } from './rank-lexical.js';

const NS = 'user:ana';

function turn(id: string, text: string, minute: number, kind: MemoryKind = 'episode'): StoredMemory {
  return conformanceMemory({ id, namespace: NS, text, minute, kind });
}

// Every case runs over the embedded store and the reference store: the channel ranks alike on both.
const stores: [string, () => MemoryStore][] = [
  ['SqliteStore', () => new SqliteStore({ path: ':memory:' })],
  ['InMemoryStore', () => new InMemoryStore()],
];

describe.each(stores)('rankLexical over %s', (_name, createStore) => {
  async function rank(
    memories: StoredMemory[],
    query: string,
    options: { filter?: MemoryFilter; lexical?: LexicalSearchOptions } = {},
  ) {
    const store = createStore();
    await store.open(CONFORMANCE_CONTEXT);
    await store.insert(memories);
    const hits = await rankLexical(
      store,
      { namespace: NS, terms: tokenizeForSearch(query), limit: 10, filter: options.filter },
      options.lexical ?? LEXICAL_SEARCH_DEFAULTS,
    );
    await store.close();
    return hits;
  }

  it('finds the answer turn after the question turn that shares the query words', async () => {
    const hits = await rank(
      [
        turn('q', 'Mel: What kind of counseling do you want to do?', 0),
        turn('a', 'Caro: Working with trans people, supporting their mental health.', 1),
        turn('x', 'Mel: The kids loved the beach.', 200),
      ],
      'counseling',
    );
    expect(hits.map((hit) => hit.id)).toEqual(['q', 'a']);
    expect(hits[1]!.score).toBeCloseTo(0.4 * hits[0]!.score);
  });

  it('spreads only between episodes, and not at all when turned off', async () => {
    expect(
      (
        await rank(
          [turn('q', 'What kind of counseling?', 0, 'fact'), turn('a', 'Mental health work.', 1, 'fact')],
          'counseling',
        )
      ).map((hit) => hit.id),
    ).toEqual(['q']);
    expect(
      (
        await rank([turn('q', 'What kind of counseling?', 0), turn('a', 'Mental health work.', 1)], 'counseling', {
          lexical: PLAIN_BM25,
        })
      ).map((hit) => hit.id),
    ).toEqual(['q']);
  });

  it('never returns a filtered-out neighbour, though it may lend context', async () => {
    const memories = [turn('q', 'What kind of counseling?', 0), turn('a', 'Mental health work.', 1)];
    expect((await rank(memories, 'counseling', { filter: { ids: ['a'] } })).map((hit) => hit.id)).toEqual(['a']);
    expect(
      (await rank(memories, 'counseling', { filter: { metadata: {}, kinds: ['episode'], ids: ['a'] } })).map(
        (hit) => hit.id,
      ),
    ).toEqual(['a']);
    const archived = {
      ...turn('q', 'What kind of counseling?', 0),
      record: {
        ...turn('q', 'What kind of counseling?', 0).record,
        archivedAt: new Date(CONFORMANCE_CONTEXT.dimensions),
      },
    };
    expect((await rank([archived, turn('a', 'Mental health work.', 1)], 'counseling')).map((hit) => hit.id)).toEqual([
      'a',
    ]);
  });

  it('boosts memories created on a date the query names', async () => {
    const at = (id: string, date: string): StoredMemory => {
      const stored = turn(id, 'We adopted a puppy.', 0);
      return { ...stored, record: { ...stored.record, createdAt: new Date(date) } };
    };
    const hits = await rank(
      [at('may', '2023-05-10T12:00:00Z'), at('june', '2023-06-03T18:00:00Z')],
      'What did they adopt on 3 June, 2023?',
    );
    expect(hits.map((hit) => hit.id)).toEqual(['june', 'may']);
    expect(hits[0]!.score).toBeCloseTo(2 * hits[1]!.score);
  });

  it('stops at a long pause, and scores a neighbour beyond the listed matches by id', async () => {
    // 250 shorter piano turns fill the list the store is asked for (200); the answer after the best match ranks last among them.
    const answer = 'She is kind and patient, a wonderful piano player from the north';
    const filler = Array.from({ length: 250 }, (_, i) =>
      turn(`f${String(i).padStart(3, '0')}`, `piano lesson ${i}`, 10_000 + i * 120),
    );
    const memories = [
      turn('q', 'cello cello cello teacher', 0),
      turn('a', answer, 1),
      turn('later', 'A quiet week.', 90),
      ...filler,
    ];
    const store = createStore();
    await store.open(CONFORMANCE_CONTEXT);
    await store.insert(memories);
    const terms = tokenizeForSearch('cello piano');
    const hits = await rankLexical(store, { namespace: NS, terms, limit: 10 }, LEXICAL_SEARCH_DEFAULTS);
    const listed = await store.lexicalCandidates({
      namespace: NS,
      terms: new Map(terms.map((term) => [term, 1])),
      bm25: LEXICAL_SEARCH_DEFAULTS.bm25,
      limit: 200,
    });
    const [own] = await store.lexicalCandidates({
      namespace: NS,
      terms: new Map(terms.map((term) => [term, 1])),
      bm25: LEXICAL_SEARCH_DEFAULTS.bm25,
      limit: 1,
      filter: { ids: ['a'] },
    });
    await store.close();
    expect(listed.map((hit) => hit.id)).not.toContain('a');
    expect(hits.slice(0, 2).map((hit) => hit.id)).toEqual(['q', 'a']);
    expect(hits[1]!.score).toBeCloseTo(own!.score + 0.4 * hits[0]!.score, 9);
    expect(hits.map((hit) => hit.id)).not.toContain('later');
  });

  it('finds a Japanese turn by another inflection of its word (寒さ finds 寒い)', async () => {
    const hits = await rank(
      [
        turn('cold', '由紀: 寒いのは苦手だけど、札幌に行くの。', 0),
        turn('other', '翔: 新しいカフェが駅前にできたよ。', 200),
      ],
      '寒さ',
      { lexical: PLAIN_BM25 },
    );
    expect(hits.map((hit) => hit.id)).toEqual(['cold']);
  });
});
