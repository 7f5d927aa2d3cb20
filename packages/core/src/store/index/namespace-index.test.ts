import { describe, expect, it } from 'vitest';
import type { MemoryKind } from '../../records/memory-kind.js';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import { PLAIN_BM25 } from './lexical-search-options.js';
import { NamespaceIndex } from './namespace-index.js';

const MINUTE = 60_000;

function entry(id: string, text: string, minute: number, kind: MemoryKind = 'episode') {
  return { id, kind, archived: false, terms: tokenizeForSearch(text), vector: Float32Array.of(1, 0, 0, 0), createdAt: minute * MINUTE, seq: 1 };
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
