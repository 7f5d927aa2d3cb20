import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.js';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { CONFORMANCE_CONTEXT, conformanceMemory, conformanceQuery } from '../conformance/conformance-memory.js';
import type { MemoryKind } from '../../records/memory-kind.js';
import { NamespaceIndex } from '../index/namespace-index.js';
import { findCandidates } from '../../recall/find-candidates.js';
import type { CoarseCandidate } from '../../recall/coarse-candidate.js';
import { expandQueryTerms } from '../../text/expand-query-terms.js';
import { BM25_DEFAULTS } from '../bm25.js';
import type { StoredMemory } from '../memory-store.js';
import { IndexCatchUp } from './index-catch-up.js';
import { SqliteStore } from './sqlite-store.js';

const tempDirectory = useTempDirectory();
const DIMENSIONS = CONFORMANCE_CONTEXT.dimensions;
const NS = 'user:ana';
const OTHER = 'user:bo';
const WORDS =
  'tea cake dog walk rain book piano beach garden train sister orchestra cello snow counselling bicycle lake camping pottery 東京 鎌倉 海 山 猫'.split(
    ' ',
  );
const QUERIES = [
  'tea cake',
  'dog walk in the rain',
  'piano and cello',
  '東京 の 猫',
  'camping by the lake',
  'pottery',
  'bicycle train snow sister',
];

/** A seeded memory: a few words, one in eight a fact, timed a minute apart (some turns far apart). */
function seededMemory(random: () => number, index: number, namespace = NS): StoredMemory {
  const words = Array.from({ length: 3 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  return conformanceMemory({
    id: `${namespace}-m${index}`,
    namespace,
    text: words.join(' '),
    kind: random() < 0.125 ? 'fact' : 'episode',
    minute: index + (random() < 0.1 ? 90 : 0),
  });
}

/** The load as the store did it before reading pages: every row in change order, one upsert (and one vector copy) at a time. */
function loadRowByRow(path: string, namespace: string): NamespaceIndex {
  const db = new Database(path, { readonly: true });
  const index = new NamespaceIndex(DIMENSIONS);
  const rows = db
    .prepare(
      'SELECT id, kind, archived_at, created_at, terms, vector, seq FROM memories WHERE namespace = ? AND seq > 0',
    )
    .iterate(namespace) as Iterable<{
    id: string;
    kind: MemoryKind;
    archived_at: number | null;
    created_at: number;
    terms: string;
    vector: Buffer;
    seq: number;
  }>;
  for (const row of rows) {
    const vector = new Float32Array(row.vector.byteLength / 4);
    new Uint8Array(vector.buffer).set(row.vector);
    index.upsert({
      id: row.id,
      kind: row.kind,
      archived: row.archived_at !== null,
      terms: row.terms,
      vector,
      createdAt: row.created_at,
      seq: row.seq,
    });
  }
  for (const row of db.prepare('SELECT id, seq FROM tombstones WHERE namespace = ?').all(namespace) as {
    id: string;
    seq: number;
  }[])
    index.remove(row.id, row.seq);
  db.close();
  return index;
}

/** Lexical and vector candidates of an index for every query, with and without filters, and the episodes around the best ones. */
function searchIndex(index: NamespaceIndex) {
  return QUERIES.flatMap((query) => {
    const { terms, vector } = conformanceQuery(query);
    return [{}, { includeArchived: true }, { kinds: ['fact' as const] }].map((filter) => {
      const lexical = index.lexical(expandQueryTerms(terms), BM25_DEFAULTS, 25, filter);
      const around = lexical
        .slice(0, 5)
        .map((hit) => index.episodeNeighbours(hit.id, 3, { ...filter, kinds: ['episode'] }));
      return { lexical, vector: index.nearest(vector, 25, filter), around };
    });
  });
}

async function openStore(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.open(CONFORMANCE_CONTEXT);
  return store;
}

/** What a search returned, comparable across stores: ids, fused relevance, channel ranks and similarity. */
async function searchAll(store: SqliteStore, namespace = NS): Promise<Omit<CoarseCandidate, 'record'>[][]> {
  const results = [];
  for (const query of QUERIES) {
    for (const filter of [undefined, { includeArchived: true }, { kinds: ['fact' as const] }]) {
      const candidates = await findCandidates(store, { namespace, ...conformanceQuery(query), limit: 25, filter });
      results.push(candidates.map(({ record, ...rest }) => ({ id: record.id, ...rest })));
    }
  }
  return results;
}

/**
 * The same history written to a store: 3,000 memories in batches of 50 (each its own change
 * number), a neighbouring namespace, deletions, archiving and re-imported (replaced) memories.
 */
async function writeHistory(store: SqliteStore): Promise<void> {
  const random = seededRandom(42);
  for (let batch = 0; batch < 60; batch++) {
    await store.insert(Array.from({ length: 50 }, (_, i) => seededMemory(random, batch * 50 + i)));
    await store.insert([seededMemory(random, batch, OTHER)]);
    if (batch % 7 === 3) await store.delete(NS, [`${NS}-m${batch * 40}`, `${NS}-m${batch * 40 + 1}`]);
    if (batch % 9 === 5)
      await store.graph.write(NS, { archive: { ids: [`${NS}-m${batch * 30}`], at: new Date(Date.UTC(2024, 5, 1)) } });
    if (batch % 11 === 10) await store.upsert([seededMemory(random, batch * 45)]);
  }
}

describe('loading a namespace index from SQLite', () => {
  it('loads the index the row-by-row load gave, from folded pages (UTF-8 file), row by row (UTF-16 file) and in slices', async () => {
    const utf8Path = join(tempDirectory(), 'utf8.db');
    const utf16Path = join(tempDirectory(), 'utf16.db');
    // SQLite fixes a file's text encoding when it creates the file.
    const created = new Database(utf16Path);
    created.pragma("encoding = 'UTF-16le'");
    created.exec('CREATE TABLE created (x)');
    created.close();
    for (const path of [utf8Path, utf16Path]) {
      const writer = await openStore(path);
      await writeHistory(writer);
      await writer.close();
    }

    const reference = loadRowByRow(utf8Path, NS);
    const expected = searchIndex(reference);
    expect(expected.flatMap((hits) => [...hits.lexical, ...hits.vector]).length).toBeGreaterThan(300);
    for (const path of [utf8Path, utf16Path]) {
      const db = new Database(path);
      const catchUp = new IndexCatchUp(db, DIMENSIONS);
      const whole = new NamespaceIndex(DIMENSIONS);
      catchUp.run(NS, whole);
      expect(searchIndex(whole)).toEqual(expected);
      const sliced = new NamespaceIndex(DIMENSIONS);
      let slices = 0;
      for (
        let end = catchUp.sliceEnd(NS, 0, 700);
        end !== null;
        end = catchUp.sliceEnd(NS, sliced.caughtUpTo, 700), slices++
      )
        catchUp.run(NS, sliced, end);
      catchUp.run(NS, sliced);
      expect(slices).toBeGreaterThan(3);
      expect(searchIndex(sliced)).toEqual(expected);
      expect(sliced.size).toBe(reference.size);
      db.close();
    }
    const check = new Database(utf16Path, { readonly: true });
    expect(check.pragma('encoding', { simple: true })).toBe('UTF-16le');
    check.close();
    // Through the store: a reopened file answers alike whichever way its pages are read.
    const readers = [await openStore(utf8Path), await openStore(utf16Path)];
    expect(await searchAll(readers[1]!)).toEqual(await searchAll(readers[0]!));
    expect(await searchAll(readers[1]!, OTHER)).toEqual(await searchAll(readers[0]!, OTHER));
    for (const reader of readers) await reader.close();
  });

  it('warms in slices while another connection writes, deletes and archives, and ends with the index a fresh load gives', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const writer = await openStore(path);
    await writeHistory(writer);
    const warmed = await openStore(path);
    let warmDone = false;
    const warming = warmed.warm(NS).then(() => (warmDone = true));
    const random = seededRandom(7);
    let writesDuringWarm = 0;
    for (let step = 0; step < 8; step++) {
      // Let one slice run, then change the file through the other connection.
      await new Promise((resolve) => setImmediate(resolve));
      if (!warmDone) writesDuringWarm++;
      await writer.insert(Array.from({ length: 20 }, (_, i) => seededMemory(random, 10_000 + step * 20 + i)));
      await writer.delete(NS, [`${NS}-m${step * 300 + 7}`, `${NS}-m${10_000 + step * 20}`]);
      await writer.graph.write(NS, {
        archive: { ids: [`${NS}-m${step * 300 + 11}`], at: new Date(Date.UTC(2024, 6, 1)) },
      });
    }
    await warming;
    // The load really ran in slices with the writes in between.
    expect(writesDuringWarm).toBeGreaterThanOrEqual(2);
    const fresh = await openStore(path);
    const expected = await searchAll(fresh);
    expect(await searchAll(warmed)).toEqual(expected);
    expect(await searchAll(writer)).toEqual(expected);
    for (const store of [writer, warmed, fresh]) await store.close();
  });

  it('lets a search finish a warm-up under way, and stops warming when the store closes', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const writer = await openStore(path);
    await writeHistory(writer);
    const expected = await searchAll(writer);

    const searched = await openStore(path);
    const warming = searched.warm(NS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await searchAll(searched)).toEqual(expected);
    await warming;
    expect(await searchAll(searched)).toEqual(expected);

    const closed = await openStore(path);
    const stopped = closed.warm(NS);
    await new Promise((resolve) => setImmediate(resolve));
    await closed.close();
    await expect(stopped).resolves.toBeUndefined();
    await expect(closed.warm(NS)).rejects.toMatchObject({ code: 'store_failure' });
    for (const store of [writer, searched]) await store.close();
  });
});
