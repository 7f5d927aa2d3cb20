import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findCandidates, type CandidateRequest } from '../recall/find-candidates.js';
import { rankCandidates } from '../recall/rank-candidates.js';
import { RANKING_DEFAULTS } from '../recall/ranking-weights.js';
import { InMemoryStore } from '../store/in-memory/in-memory-store.js';
import { rankingCorpus, RANKING_QUERIES } from './ranking-corpus.js';
import { ResonantError } from '../errors/resonant-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryStore, StoredMemory, StoreOpenContext } from '../store/memory-store.js';
import {
  CONFORMANCE_CONTEXT,
  CONFORMANCE_EPOCH,
  conformanceMemory,
  conformanceQuery,
  HYBRID_CORPUS,
  type ConformanceMemoryInput,
} from '../store/conformance/conformance-memory.js';

/** Where a store under test keeps its data: the same location means the same data. */
export interface StoreLocation {
  /** A fresh name per test, safe as a file name or a collection name (`[a-z0-9_]`). */
  readonly location: string;
}

/** How the conformance suite gets stores of the backend under test. */
export interface StoreConformanceOptions {
  /** Shown in the test names. @default 'store' */
  name?: string;
  /** A new, unopened store over the data at `location` (empty the first time it is asked for). */
  createStore: (options: StoreLocation) => MemoryStore | Promise<MemoryStore>;
  /** Removes the data at `location` after a test (drop a collection, delete a file). */
  destroy?: (options: StoreLocation) => void | Promise<void>;
}

/**
 * The tests every `MemoryStore` must pass: CRUD, filters, namespace isolation, hybrid recall order
 * on a fixed corpus, partial signal updates, concurrent writers, reopen after close and bad input.
 * Call it inside a vitest test file.
 */
export function runStoreConformanceTests(options: StoreConformanceOptions): void {
  const suiteName = options.name ?? 'store';

  describe(`MemoryStore conformance: ${suiteName}`, () => {
    const run = randomBytes(4).toString('hex');
    let counter = 0;
    const opened: MemoryStore[] = [];
    const locations = new Set<string>();

    async function openStore(
      location = `resonant_conformance_${run}_${++counter}`,
      context: StoreOpenContext = CONFORMANCE_CONTEXT,
    ): Promise<{ store: MemoryStore; location: string }> {
      locations.add(location);
      const store = await options.createStore({ location });
      opened.push(store);
      await store.open(context);
      return { store, location };
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      for (const location of [...locations]) await options.destroy?.({ location });
      locations.clear();
    });

    const A = 'user:alice/agent:mika';
    const B = 'user:bob/agent:mika';

    describe('CRUD', () => {
      it('returns inserted records exactly as written, every field included', async () => {
        const { store } = await openStore();
        const full = conformanceMemory({
          id: 'full',
          namespace: A,
          text: 'Tea with Alice on Sunday',
          kind: 'fact',
          minute: 3,
          metadata: { topic: 'tea', tags: ['a', 'b'], nested: { n: 1.5 }, flag: true, none: null },
          arousal: 0.25,
          utility: 0.75,
          valence: -0.5,
          summary: 'Tea, Sunday',
          level: 1,
          archived: true,
        });
        const plain = conformanceMemory({ id: 'plain', namespace: A, text: 'Plain memory' });
        await store.insert([full, plain]);
        const [got] = await store.get(['full']);
        expect(got).toEqual(full.record);
        expect(got!.createdAt).toBeInstanceOf(Date);
        expect((await store.get(['plain']))[0]).toEqual(plain.record);
      });

      it('gets records in the order asked, skipping missing ids, across namespaces', async () => {
        const { store } = await openStore();
        await store.insert([
          conformanceMemory({ id: 'a1', namespace: A, text: 'first' }),
          conformanceMemory({ id: 'b1', namespace: B, text: 'second' }),
        ]);
        const records = await store.get(['b1', 'missing', 'a1']);
        expect(records.map((record) => record.id)).toEqual(['b1', 'a1']);
        expect(records.map((record) => record.namespace)).toEqual([B, A]);
        expect(await store.get([])).toEqual([]);
      });

      it('looks ids up by prefix within one namespace, in id order, up to the limit (when it can)', async (test) => {
        const { store } = await openStore();
        if (!store.idsByPrefix) return test.skip();
        await store.insert(
          ['abcd1', 'abcd2', 'abcd3', 'abce1'].map((id) =>
            conformanceMemory({ id, namespace: A, text: `memory ${id}` }),
          ),
        );
        await store.insert([conformanceMemory({ id: 'abcd0', namespace: B, text: 'elsewhere' })]);
        const found = await store.idsByPrefix(A, ['abcd', 'abce', 'zz', 'abcd'], 2);
        expect(Object.fromEntries(found)).toEqual({ abcd: ['abcd1', 'abcd2'], abce: ['abce1'], zz: [] });
        expect((await store.idsByPrefix(B, ['abc'], 5)).get('abc')).toEqual(['abcd0']);
      });

      it('deletes only the ids that were there and reports them', async () => {
        const { store } = await openStore();
        await store.insert(['x', 'y', 'z'].map((id) => conformanceMemory({ id, namespace: A, text: `memory ${id}` })));
        expect(await store.delete(A, ['y', 'missing'])).toEqual(['y']);
        expect(await store.delete(A, ['y'])).toEqual([]);
        expect((await store.get(['x', 'y', 'z'])).map((record) => record.id)).toEqual(['x', 'z']);
        expect(await store.count(A)).toBe(2);
        const hits = await findCandidates(store, { namespace: A, ...conformanceQuery('memory y'), limit: 10 });
        expect(hits.map((hit) => hit.record.id)).not.toContain('y');
      });

      it('counts per namespace (archived included) and lists the namespaces in use', async () => {
        const { store } = await openStore();
        expect(await store.namespaces()).toEqual([]);
        await store.insert([
          conformanceMemory({ id: 'a1', namespace: A, text: 'one' }),
          conformanceMemory({ id: 'a2', namespace: A, text: 'two', archived: true }),
          conformanceMemory({ id: 'b1', namespace: B, text: 'three' }),
        ]);
        expect(await store.count(A)).toBe(2);
        expect(await store.count(B)).toBe(1);
        expect(await store.count('user:nobody')).toBe(0);
        expect([...(await store.namespaces())].sort()).toEqual([A, B].sort());
        await store.delete(B, ['b1']);
        expect(await store.namespaces()).toEqual([A]);
      });

      it('lists in creation order, ties broken by id, page by page, with vectors on request', async () => {
        const { store } = await openStore();
        const memories = [
          conformanceMemory({ id: 'd', namespace: A, text: 'fourth', minute: 2 }),
          conformanceMemory({ id: 'b', namespace: A, text: 'tie b', minute: 1 }),
          conformanceMemory({ id: 'a', namespace: A, text: 'first', minute: 0 }),
          conformanceMemory({ id: 'c', namespace: A, text: 'tie c', minute: 1 }),
          conformanceMemory({ id: 'e', namespace: A, text: 'fifth', minute: 5 }),
        ];
        await store.insert(memories);
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page = await store.list({ namespace: A, after, limit: 2, withVectors: true });
          expect(page.records.length).toBeLessThanOrEqual(2);
          expect(page.vectors).toHaveLength(page.records.length);
          page.records.forEach((record, index) =>
            expect(page.vectors![index]).toEqual(memories.find((memory) => memory.record.id === record.id)!.vector),
          );
          seen.push(...page.records.map((record) => record.id));
          after = page.next;
          pages++;
        } while (after !== null && pages < 10);
        expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(pages).toBe(3);
        const withoutVectors = await store.list({ namespace: A, limit: 10 });
        expect(withoutVectors.vectors).toBeUndefined();
        expect(withoutVectors.next).toBeNull();
      });

      it('upserts: inserts new ids and replaces same-namespace ones (text, vector, terms, signals)', async () => {
        const { store } = await openStore();
        await store.insert([conformanceMemory({ id: 'm', namespace: A, text: 'The violin lesson was on Monday' })]);
        const replacement = conformanceMemory({
          id: 'm',
          namespace: A,
          text: 'The trumpet lesson moved to Friday',
          arousal: 0.9,
        });
        await store.upsert([replacement, conformanceMemory({ id: 'n', namespace: A, text: 'A brand new memory' })]);
        expect(await store.get(['m'])).toEqual([replacement.record]);
        expect(await store.count(A)).toBe(2);
        const trumpet = await findCandidates(store, { namespace: A, ...conformanceQuery('trumpet'), limit: 5 });
        expect(trumpet[0]?.record.id).toBe('m');
        expect(trumpet[0]?.lexicalRank).toBe(1);
        const violin = await findCandidates(store, { namespace: A, ...conformanceQuery('violin'), limit: 5 });
        expect(violin.every((hit) => hit.lexicalRank === null)).toBe(true);
      });
    });

    describe('filters', () => {
      async function seeded() {
        const { store } = await openStore();
        await store.insert([
          conformanceMemory({
            id: 'fact',
            namespace: A,
            text: 'Alice likes green tea',
            kind: 'fact',
            metadata: { source: 'chat', score: 3, tags: ['tea', 'drink'], place: { city: 'Kyoto' } },
          }),
          conformanceMemory({
            id: 'pref',
            namespace: A,
            text: 'Alice prefers tea without sugar',
            kind: 'preference',
            metadata: { source: 'chat', score: 4, tags: ['tea'] },
            minute: 1,
          }),
          conformanceMemory({
            id: 'episode',
            namespace: A,
            text: 'Alice spilled tea at the station',
            metadata: { source: 'diary', score: 3 },
            minute: 2,
          }),
          conformanceMemory({
            id: 'old',
            namespace: A,
            text: 'Alice used to drink black tea',
            kind: 'fact',
            metadata: { source: 'chat' },
            archived: true,
            minute: 3,
          }),
        ]);
        return store;
      }
      const tea = conformanceQuery('Alice tea');
      const ids = (records: readonly { id: string }[]) => records.map((record) => record.id).sort();

      it('filters by kind in search and list', async () => {
        const store = await seeded();
        const hits = await findCandidates(store, {
          namespace: A,
          ...tea,
          limit: 10,
          filter: { kinds: ['fact', 'preference'] },
        });
        expect(ids(hits.map((hit) => hit.record))).toEqual(['fact', 'pref']);
        const page = await store.list({ namespace: A, limit: 10, filter: { kinds: ['episode'] } });
        expect(ids(page.records)).toEqual(['episode']);
      });

      it('filters by exact metadata values: strings, numbers, arrays and objects, all keys at once', async () => {
        const store = await seeded();
        const search = async (metadata: Record<string, unknown>) =>
          ids(
            (
              await findCandidates(store, { namespace: A, ...tea, limit: 10, filter: { metadata: metadata as never } })
            ).map((hit) => hit.record),
          );
        expect(await search({ source: 'chat' })).toEqual(['fact', 'pref']);
        expect(await search({ score: 3 })).toEqual(['episode', 'fact']);
        expect(await search({ source: 'chat', score: 3 })).toEqual(['fact']);
        expect(await search({ tags: ['tea'] })).toEqual(['pref']);
        expect(await search({ tags: ['tea', 'drink'] })).toEqual(['fact']);
        expect(await search({ tags: 'tea' })).toEqual([]);
        expect(await search({ place: { city: 'Kyoto' } })).toEqual(['fact']);
        expect(await search({ missing: 'x' })).toEqual([]);
        const page = await store.list({ namespace: A, limit: 10, filter: { metadata: { source: 'diary' } } });
        expect(ids(page.records)).toEqual(['episode']);
      });

      it('leaves archived memories out unless asked, in search and list', async () => {
        const store = await seeded();
        const hidden = await findCandidates(store, { namespace: A, ...conformanceQuery('black tea'), limit: 10 });
        expect(hidden.map((hit) => hit.record.id)).not.toContain('old');
        const shown = await findCandidates(store, {
          namespace: A,
          ...conformanceQuery('black tea'),
          limit: 10,
          filter: { includeArchived: true },
        });
        expect(shown[0]?.record.id).toBe('old');
        expect(ids((await store.list({ namespace: A, limit: 10 })).records)).toEqual(['episode', 'fact', 'pref']);
        expect(ids((await store.list({ namespace: A, limit: 10, filter: { includeArchived: true } })).records)).toEqual(
          ['episode', 'fact', 'old', 'pref'],
        );
      });
    });

    describe('namespace isolation', () => {
      const prefixOfA = 'user:alice';
      async function twoTenants() {
        const { store } = await openStore();
        const text = 'Alice told me her cello teacher lives in Kyoto';
        await store.insert([
          conformanceMemory({ id: 'a1', namespace: A, text, metadata: { k: 'v' } }),
          conformanceMemory({ id: 'a2', namespace: A, text: 'Alice bought a new bow for the cello', minute: 1 }),
          conformanceMemory({ id: 'b1', namespace: B, text, metadata: { k: 'v' } }),
          conformanceMemory({ id: 'p1', namespace: prefixOfA, text }),
        ]);
        return store;
      }

      it('search, list and count never see another namespace, even one that is a prefix or shares the text', async () => {
        const store = await twoTenants();
        for (const filter of [undefined, { metadata: { k: 'v' } }, { includeArchived: true }]) {
          const hits = await findCandidates(store, {
            namespace: A,
            ...conformanceQuery('cello teacher Kyoto'),
            limit: 50,
            filter,
          });
          expect(hits.length).toBeGreaterThan(0);
          expect(hits.every((hit) => hit.record.namespace === A)).toBe(true);
        }
        const page = await store.list({ namespace: A, limit: 50, filter: { includeArchived: true } });
        expect(page.records.map((record) => record.id)).toEqual(['a1', 'a2']);
        expect(await store.count(A)).toBe(2);
        expect(await store.count(prefixOfA)).toBe(1);
        expect(
          (await findCandidates(store, { namespace: 'user:nobody', ...conformanceQuery('cello'), limit: 10 })).length,
        ).toBe(0);
      });

      it('update and delete never touch another namespace', async () => {
        const store = await twoTenants();
        expect(
          await store.update(A, [
            { id: 'b1', arousal: { target: 1, rate: 1 }, recalledAt: new Date(CONFORMANCE_EPOCH + 86_400_000) },
          ]),
        ).toEqual([]);
        expect(await store.delete(A, ['b1', 'p1'])).toEqual([]);
        const [b1] = await store.get(['b1']);
        expect(b1?.arousal).toBe(0);
        expect(b1?.accessCount).toBe(0);
        expect(await store.count(B)).toBe(1);
        expect(await store.count(prefixOfA)).toBe(1);
      });

      it('refuses to upsert over an id held by another namespace, and writes nothing of that batch', async () => {
        const store = await twoTenants();
        const error = await store
          .upsert([
            conformanceMemory({ id: 'new', namespace: A, text: 'innocent' }),
            conformanceMemory({ id: 'b1', namespace: A, text: 'hijack' }),
          ])
          .catch((caught: unknown) => caught);
        expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
        expect((await store.get(['b1']))[0]?.namespace).toBe(B);
        expect((await store.get(['b1']))[0]?.text).not.toBe('hijack');
        expect(await store.get(['new'])).toEqual([]);
      });
    });

    describe('hybrid recall order on a fixed corpus', () => {
      async function corpusStore() {
        const { store } = await openStore();
        // Hours apart: separate conversations, so this tests the channels, not context between turns.
        await store.insert(
          HYBRID_CORPUS.map((memory, index) => conformanceMemory({ ...memory, namespace: A, minute: index * 180 })),
        );
        // The same corpus in another namespace must not change which memories A finds.
        await store.insert(
          HYBRID_CORPUS.map((memory, index) =>
            conformanceMemory({ ...memory, id: `other-${memory.id}`, namespace: B, minute: index * 180 }),
          ),
        );
        return store;
      }

      it('puts the memory matching in both channels first, one-term lexical matches next', async () => {
        const store = await corpusStore();
        const hits = await findCandidates(store, {
          namespace: A,
          ...conformanceQuery('Alice cello orchestra'),
          limit: 10,
        });
        expect(hits[0]?.record.id).toBe('cello');
        expect(hits[0]?.lexicalRank).toBe(1);
        expect(hits[0]?.vectorRank).toBe(1);
        expect(
          hits
            .slice(1, 3)
            .map((hit) => hit.record.id)
            .sort(),
        ).toEqual(['cat', 'tour']);
        for (const hit of hits) expect(hit.lexicalRank !== null).toBe(['cello', 'cat', 'tour'].includes(hit.record.id));
        expect(hits.every((hit) => hit.record.namespace === A)).toBe(true);
      });

      it('returns relevance in (0, 1], best first, and honours the limit', async () => {
        const store = await corpusStore();
        const hits = await findCandidates(store, {
          namespace: A,
          ...conformanceQuery('Bob repairs bicycles'),
          limit: 3,
        });
        expect(hits.length).toBeLessThanOrEqual(3);
        expect(hits[0]?.record.id).toBe('bicycles');
        for (let i = 0; i < hits.length; i++) {
          expect(hits[i]!.relevance).toBeGreaterThan(0);
          expect(hits[i]!.relevance).toBeLessThanOrEqual(1 + 1e-9);
          if (i > 0) expect(hits[i]!.relevance).toBeLessThanOrEqual(hits[i - 1]!.relevance);
        }
      });

      it('uses each channel alone when the other has nothing to offer', async () => {
        const store = await corpusStore();
        const lexicalOnly = await findCandidates(store, {
          namespace: A,
          terms: conformanceQuery('bicycles repair').terms,
          vector: new Float32Array(CONFORMANCE_CONTEXT.dimensions),
          limit: 10,
        });
        expect(lexicalOnly.map((hit) => hit.record.id)).toEqual(['bicycles']);
        expect(lexicalOnly[0]?.vectorRank).toBeNull();
        const vectorOnly = await findCandidates(store, {
          namespace: A,
          terms: [],
          vector: conformanceQuery('Alice cello orchestra').vector,
          limit: 10,
        });
        expect(vectorOnly[0]?.record.id).toBe('cello');
        expect(vectorOnly.every((hit) => hit.lexicalRank === null && hit.vectorRank !== null)).toBe(true);
      });
    });

    describe('candidates', () => {
      const vectorOf = (...values: number[]) =>
        Float32Array.from({ length: CONFORMANCE_CONTEXT.dimensions }, (_, i) => values[i] ?? 0);
      const withTerms = (
        id: string,
        namespace: string,
        terms: string[],
        patch: Partial<ConformanceMemoryInput> = {},
        vector = vectorOf(1),
      ): StoredMemory => ({
        ...conformanceMemory({ id, namespace, text: terms.join(' '), ...patch }),
        terms,
        vector,
      });

      it("scores BM25 over the namespace's own statistics, best first, ties by id, within the limit and the filter", async () => {
        const { store } = await openStore();
        await store.insert([
          withTerms('a', A, ['tea', 'tea', 'cake']),
          withTerms('d', A, ['tea']),
          withTerms('b', A, ['tea']),
          withTerms('c', A, ['cake', 'pie', 'pie', 'pie'], { kind: 'fact' }),
          // Another namespace full of tea must not change A's statistics.
          ...Array.from({ length: 6 }, (_, i) => withTerms(`other${i}`, B, ['tea', 'tea', 'tea'])),
        ]);
        const terms = new Map([
          ['tea', 1],
          ['pie', 0.5],
          ['absent', 1],
        ]);
        const bm25 = { k1: 1.2, b: 0.75 };
        // Okapi BM25 by hand: 4 documents, average length 9 / 4.
        const idf = (df: number) => Math.log(1 + (4 - df + 0.5) / (df + 0.5));
        const part = (weight: number, df: number, tf: number, length: number) =>
          (weight * idf(df) * tf * 2.2) / (tf + 1.2 * 0.25 + (1.2 * 0.75 * length) / 2.25);
        const expected = [
          { id: 'c', score: part(0.5, 1, 3, 4) },
          { id: 'a', score: part(1, 3, 2, 3) },
          { id: 'b', score: part(1, 3, 1, 1) },
          { id: 'd', score: part(1, 3, 1, 1) },
        ].sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
        const found = await store.lexicalCandidates({ namespace: A, terms, bm25, limit: 10 });
        expect(found.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
        found.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 12));
        expect(found.find((hit) => hit.id === 'c')).toMatchObject({
          kind: 'fact',
          createdAt: CONFORMANCE_EPOCH,
          archived: false,
        });
        const tied = expected.findIndex((hit) => hit.id === 'b');
        expect(
          (await store.lexicalCandidates({ namespace: A, terms, bm25, limit: tied + 1 })).map((hit) => hit.id),
        ).toEqual(expected.slice(0, tied + 1).map((hit) => hit.id));
        expect(
          (
            await store.lexicalCandidates({
              namespace: A,
              terms,
              bm25,
              limit: 10,
              filter: { kinds: ['episode'], ids: ['a', 'd', 'c'] },
            })
          ).map((hit) => hit.id),
        ).toEqual(expected.map((hit) => hit.id).filter((id) => id === 'a' || id === 'd'));
        expect(
          await store.lexicalCandidates({ namespace: A, terms: new Map([['absent', 1]]), bm25, limit: 10 }),
        ).toEqual([]);
      });

      it('finds the nearest vectors by inner product, above 0 only, ties by id, within the filter', async () => {
        const { store } = await openStore();
        await store.insert([
          withTerms('far', A, ['x'], {}, vectorOf(-1)),
          withTerms('c', A, ['x'], { minute: 5 }, vectorOf(0.6, 0.8)),
          withTerms('b', A, ['x'], {}, vectorOf(0.6, 0.8)),
          withTerms('a', A, ['x'], {}, vectorOf(1)),
          withTerms('apart', A, ['x'], {}, vectorOf(0, 1)),
          withTerms('elsewhere', B, ['x'], {}, vectorOf(1)),
        ]);
        const found = await store.vectorCandidates({ namespace: A, vector: vectorOf(1), limit: 10 });
        expect(found.map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
        expect(found[0]!.similarity).toBeCloseTo(1, 6);
        expect(found[1]!.similarity).toBe(found[2]!.similarity);
        expect(
          (await store.vectorCandidates({ namespace: A, vector: vectorOf(1), limit: 2 })).map((hit) => hit.id),
        ).toEqual(['a', 'b']);
        expect(
          (
            await store.vectorCandidates({
              namespace: A,
              vector: vectorOf(1),
              limit: 10,
              filter: {
                createdWithin: [
                  { from: new Date(CONFORMANCE_EPOCH + 60_000), to: new Date(CONFORMANCE_EPOCH + 3_600_000) },
                ],
              },
            })
          ).map((hit) => hit.id),
        ).toEqual(['c']);
      });

      it('lists the neighbours of memories in creation order (ties by id), nearest first, among what the filter allows', async () => {
        const { store } = await openStore();
        await store.insert([
          conformanceMemory({ id: 'e3', namespace: A, text: 'third', minute: 1 }),
          conformanceMemory({ id: 'e1', namespace: A, text: 'first', minute: 0 }),
          conformanceMemory({ id: 'e2', namespace: A, text: 'second', minute: 1 }),
          conformanceMemory({ id: 'f1', namespace: A, text: 'a fact', minute: 2, kind: 'fact' }),
          conformanceMemory({ id: 'e4', namespace: A, text: 'fourth', minute: 3, archived: true }),
          conformanceMemory({ id: 'e5', namespace: A, text: 'fifth', minute: 4 }),
          conformanceMemory({ id: 'b1', namespace: B, text: 'elsewhere', minute: 1 }),
        ]);
        const at = (id: string, minute: number, patch: { kind?: string; archived?: boolean } = {}) => ({
          id,
          kind: 'episode',
          createdAt: CONFORMANCE_EPOCH + minute * 60_000,
          archived: false,
          ...patch,
        });
        const episodes = { kinds: ['episode'] as const };
        expect(
          await store.neighbours({
            namespace: A,
            ids: ['e3', 'missing', 'b1'],
            radius: 2,
            filter: { kinds: ['episode'] },
          }),
        ).toEqual([
          { id: 'e3', before: [at('e2', 1), at('e1', 0)], after: [at('e5', 4)] },
          { id: 'missing', before: [], after: [] },
          { id: 'b1', before: [], after: [] },
        ]);
        expect(
          (
            await store.neighbours({
              namespace: A,
              ids: ['e3'],
              radius: 2,
              filter: { ...episodes, includeArchived: true },
            })
          )[0]!.after,
        ).toEqual([at('e4', 3, { archived: true }), at('e5', 4)]);
        expect((await store.neighbours({ namespace: A, ids: ['e3'], radius: 2 }))[0]!.after).toEqual([
          at('f1', 2, { kind: 'fact' }),
          at('e5', 4),
        ]);
        expect(
          (await store.neighbours({ namespace: A, ids: ['f1'], radius: 1, filter: { kinds: ['episode'] } }))[0],
        ).toEqual({ id: 'f1', before: [at('e3', 1)], after: [at('e5', 4)] });
      });
    });

    describe('ranking on every store', () => {
      it('gives the same candidates and the same top 10, in the same order, as the in-memory reference store', async () => {
        const { store } = await openStore();
        const reference = new InMemoryStore();
        await reference.open(CONFORMANCE_CONTEXT);
        const corpus = rankingCorpus(A);
        const noise = rankingCorpus(B, 'n');
        for (const target of [store, reference]) {
          for (let start = 0; start < corpus.length; start += 100)
            await target.insert(corpus.slice(start, start + 100));
          await target.insert(noise);
        }
        const now = new Date(Date.UTC(2023, 6, 1));
        let full = 0;
        for (const query of RANKING_QUERIES) {
          for (const filter of [
            undefined,
            { includeArchived: true },
            { kinds: ['fact' as const] },
            { metadata: { topic: 'family' } },
          ]) {
            const request: CandidateRequest = { namespace: A, ...conformanceQuery(query), limit: 40, filter };
            const [actual, expected] = await Promise.all([
              findCandidates(store, request),
              findCandidates(reference, request),
            ]);
            expect(actual.map(summarizeCandidate), `${query} ${JSON.stringify(filter)}`).toEqual(
              expected.map(summarizeCandidate),
            );
            const top = (candidates: typeof actual) =>
              rankCandidates(candidates, { query, queryTerms: request.terms, now, weights: RANKING_DEFAULTS })
                .slice(0, 10)
                .map((hit) => hit.memory.id);
            expect(top(actual), `${query} ${JSON.stringify(filter)}`).toEqual(top(expected));
            if (top(actual).length === 10) full++;
          }
        }
        // The case decides something: most queries fill their top 10.
        expect(full).toBeGreaterThan(RANKING_QUERIES.length);
        await reference.close();
      });
    });

    describe('partial signal updates', () => {
      const at = (minutes: number) => new Date(CONFORMANCE_EPOCH + minutes * 60_000);

      it('nudges signals toward a target, clamped, leaving every other field alone', async () => {
        const { store } = await openStore();
        const original = conformanceMemory({
          id: 'm',
          namespace: A,
          text: 'A vivid memory',
          arousal: 0.2,
          utility: 0.5,
          valence: 0,
          metadata: { keep: 'me' },
        });
        await store.insert([original]);
        expect(
          await store.update(A, [
            {
              id: 'm',
              arousal: { target: 1, rate: 0.5 },
              utility: { target: 0, rate: 0.25 },
              valence: { target: -1, rate: 0.5 },
              emotion: { joy: { target: 1, rate: 0.1 } },
            },
          ]),
        ).toEqual(['m']);
        const [after] = await store.get(['m']);
        expect(after!.arousal).toBeCloseTo(0.6, 12);
        expect(after!.utility).toBeCloseTo(0.375, 12);
        expect(after!.valence).toBeCloseTo(-0.5, 12);
        expect(after!.emotion).toEqual({ joy: expect.closeTo(0.1, 12), aversion: 0, trauma: 0 });
        expect({ ...after!, arousal: 0, utility: 0, valence: 0, emotion: null }).toEqual({
          ...original.record,
          arousal: 0,
          utility: 0,
          valence: 0,
          emotion: null,
        });
        await store.update(A, [{ id: 'm', arousal: { target: 5, rate: 1 }, valence: { target: -5, rate: 1 } }]);
        const [clamped] = await store.get(['m']);
        expect(clamped!.arousal).toBe(1);
        expect(clamped!.valence).toBe(-1);
      });

      it('records recalls: access count up by one each, last access never moves back', async () => {
        const { store } = await openStore();
        await store.insert([conformanceMemory({ id: 'm', namespace: A, text: 'recalled often' })]);
        await store.update(A, [
          { id: 'm', recalledAt: at(60) },
          { id: 'm', recalledAt: at(30) },
        ]);
        const [after] = await store.get(['m']);
        expect(after!.accessCount).toBe(2);
        expect(after!.lastAccessedAt).toEqual(at(60));
        expect(after!.arousal).toBe(0);
      });

      it('returns only the ids that exist in the namespace', async () => {
        const { store } = await openStore();
        await store.insert([conformanceMemory({ id: 'm', namespace: A, text: 'exists' })]);
        expect(
          await store.update(A, [
            { id: 'ghost', recalledAt: at(1) },
            { id: 'm', recalledAt: at(1) },
          ]),
        ).toEqual(['m']);
        expect(await store.update(A, [])).toEqual([]);
      });
    });

    describe('concurrent writers', () => {
      it('keeps every insert of many parallel batches', async () => {
        const { store } = await openStore();
        await Promise.all(
          Array.from({ length: 20 }, (_, batch) =>
            store.insert(
              Array.from({ length: 5 }, (_, index) =>
                conformanceMemory({
                  id: `m${batch}-${index}`,
                  namespace: batch % 2 ? A : B,
                  text: `memory ${batch} ${index}`,
                  minute: batch,
                }),
              ),
            ),
          ),
        );
        expect(await store.count(A)).toBe(50);
        expect(await store.count(B)).toBe(50);
        expect((await store.get(['m0-0', 'm19-4'])).length).toBe(2);
      });

      it('loses no signal update when many run at once', async () => {
        const { store } = await openStore();
        await store.insert([
          conformanceMemory({ id: 'hot', namespace: A, text: 'the hot memory' }),
          conformanceMemory({ id: 'warm', namespace: A, text: 'the warm memory' }),
        ]);
        await Promise.all(
          Array.from({ length: 30 }, (_, index) =>
            store.update(A, [
              { id: 'hot', recalledAt: new Date(CONFORMANCE_EPOCH + index * 1000), arousal: { target: 1, rate: 0.1 } },
              { id: 'warm', recalledAt: new Date(CONFORMANCE_EPOCH + index * 1000) },
            ]),
          ),
        );
        const [hot, warm] = await store.get(['hot', 'warm']);
        expect(hot!.accessCount).toBe(30);
        expect(warm!.accessCount).toBe(30);
        expect(hot!.lastAccessedAt).toEqual(new Date(CONFORMANCE_EPOCH + 29_000));
        expect(hot!.arousal).toBeCloseTo(1 - 0.9 ** 30, 9);
      });

      it('interleaves inserts, updates and deletes without losing or resurrecting anything', async () => {
        const { store } = await openStore();
        await store.insert(
          Array.from({ length: 20 }, (_, index) =>
            conformanceMemory({ id: `old${index}`, namespace: A, text: `old memory ${index}` }),
          ),
        );
        await Promise.all([
          ...Array.from({ length: 10 }, (_, index) => store.delete(A, [`old${index}`])),
          ...Array.from({ length: 10 }, (_, index) =>
            store.insert([conformanceMemory({ id: `new${index}`, namespace: A, text: `new memory ${index}` })]),
          ),
          ...Array.from({ length: 10 }, (_, index) =>
            store.update(A, [{ id: `old${10 + index}`, recalledAt: new Date(CONFORMANCE_EPOCH + 1000) }]),
          ),
        ]);
        expect(await store.count(A)).toBe(20);
        expect(await store.get(['old0', 'old9'])).toEqual([]);
        const survivors = await store.get(Array.from({ length: 10 }, (_, index) => `old${10 + index}`));
        expect(survivors.map((record) => record.accessCount)).toEqual(Array(10).fill(1));
      });
    });

    describe('reopen after close', () => {
      it('finds everything again, signals and deletions included, in a new store over the same data', async (context) => {
        const first = await openStore();
        if (!first.store.capabilities.persistent) context.skip();
        await first.store.insert(
          HYBRID_CORPUS.map((memory, minute) => conformanceMemory({ ...memory, namespace: A, minute })),
        );
        await first.store.update(A, [
          { id: 'cello', recalledAt: new Date(CONFORMANCE_EPOCH + 3_600_000), utility: { target: 1, rate: 0.5 } },
        ]);
        await first.store.delete(A, ['groceries']);
        const before = await findCandidates(first.store, {
          namespace: A,
          ...conformanceQuery('Alice cello orchestra'),
          limit: 10,
        });
        await first.store.close();
        const second = await openStore(first.location);
        const [cello] = await second.store.get(['cello']);
        expect(cello!.accessCount).toBe(1);
        expect(cello!.utility).toBeCloseTo(0.75, 12);
        expect(await second.store.count(A)).toBe(HYBRID_CORPUS.length - 1);
        const after = await findCandidates(second.store, {
          namespace: A,
          ...conformanceQuery('Alice cello orchestra'),
          limit: 10,
        });
        expect(after.map(summarizeHit)).toEqual(before.map(summarizeHit));
      });

      it('refuses to open data built with another embedder', async (context) => {
        const first = await openStore();
        if (!first.store.capabilities.persistent) context.skip();
        await first.store.insert([conformanceMemory({ id: 'm', namespace: A, text: 'kept' })]);
        await first.store.close();
        const error = await openStore(first.location, {
          embedderId: 'another-embedder',
          dimensions: CONFORMANCE_CONTEXT.dimensions,
        }).catch((caught: unknown) => caught);
        expect(ResonantError.isInstance(error) && error.code).toBe('embedder_mismatch');
      });
    });

    describe('bad input', () => {
      async function expectInvalid(promise: Promise<unknown>): Promise<void> {
        const error = await promise.then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
      }

      it('refuses an id that exists already, writing nothing of the batch', async () => {
        const { store } = await openStore();
        await store.insert([conformanceMemory({ id: 'taken', namespace: A, text: 'first' })]);
        await expectInvalid(
          store.insert([
            conformanceMemory({ id: 'fresh', namespace: A, text: 'second' }),
            conformanceMemory({ id: 'taken', namespace: B, text: 'third' }),
          ]),
        );
        expect(await store.get(['fresh'])).toEqual([]);
        expect((await store.get(['taken']))[0]?.text).toBe('first');
        expect(await store.count(B)).toBe(0);
      });

      it('refuses an id repeated within a batch and vectors of the wrong size or with NaN', async () => {
        const { store } = await openStore();
        const twice = conformanceMemory({ id: 'twice', namespace: A, text: 'one' });
        await expectInvalid(store.insert([twice, twice]));
        const short: StoredMemory = {
          ...conformanceMemory({ id: 'short', namespace: A, text: 'short vector' }),
          vector: new Float32Array(3),
        };
        await expectInvalid(store.insert([short]));
        const nan = conformanceMemory({ id: 'nan', namespace: A, text: 'not a number' });
        nan.vector[0] = Number.NaN;
        await expectInvalid(store.upsert([nan]));
        expect(await store.count(A)).toBe(0);
      });

      it('refuses a page cursor it did not make', async () => {
        const { store } = await openStore();
        await expectInvalid(store.list({ namespace: A, limit: 10, after: 'not-a-cursor' }));
      });

      it('treats empty batches as no-ops', async () => {
        const { store } = await openStore();
        await store.insert([]);
        await store.upsert([]);
        expect(await store.get([])).toEqual([]);
        expect(await store.update(A, [])).toEqual([]);
        expect(await store.delete(A, [])).toEqual([]);
        expect(await store.count(A)).toBe(0);
      });

      it('keeps unusual namespace and metadata strings as data', async () => {
        const { store } = await openStore();
        const odd = `user:o'brien/agent:"x" OR 1=1 -- 東京 🎉`;
        const input: ConformanceMemoryInput = {
          id: `id with spaces/and'quotes`,
          namespace: odd,
          text: 'Quotes and emoji 🎉 stay intact',
          metadata: { "it's": 'a "value"', 'a.b': 'dotted key' },
        };
        await store.insert([conformanceMemory(input)]);
        expect((await store.get([input.id]))[0]).toEqual(conformanceMemory(input).record);
        const hits = await findCandidates(store, {
          namespace: odd,
          ...conformanceQuery('quotes emoji'),
          limit: 5,
          filter: { metadata: { 'a.b': 'dotted key' } },
        });
        expect(hits.map((hit) => hit.record.id)).toEqual([input.id]);
        expect(await store.count(`user:o'brien`)).toBe(0);
        expect(await store.namespaces()).toEqual([odd]);
      });
    });
  });
}

function summarizeCandidate(candidate: {
  record: MemoryRecord;
  relevance: number;
  lexicalRank: number | null;
  vectorRank: number | null;
  vectorSimilarity?: number;
}) {
  return {
    id: candidate.record.id,
    relevance: candidate.relevance,
    lexicalRank: candidate.lexicalRank,
    vectorRank: candidate.vectorRank,
    vectorSimilarity: candidate.vectorSimilarity,
  };
}

function summarizeHit(hit: { record: MemoryRecord; lexicalRank: number | null; vectorRank: number | null }) {
  return { id: hit.record.id, lexicalRank: hit.lexicalRank, vectorRank: hit.vectorRank };
}
