import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { createHashedEmbedder } from '../../embed/hashed-embedder.js';
import { isWriteConflict } from '../../errors/write-conflict-error.js';
import { newRecord } from '../../records/new-record.js';
import { BM25_DEFAULTS } from '../bm25.js';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import type { StoredMemory } from '../memory-store.js';
import { SqliteStore } from './sqlite-store.js';

const tempDirectory = useTempDirectory();
const embedder = createHashedEmbedder();
const context = { embedderId: embedder.id, dimensions: embedder.dimensions };

async function stored(id: string, namespace: string, text: string): Promise<StoredMemory> {
  const [vector] = await embedder.embed([text]);
  return {
    record: newRecord({ id, namespace, text, createdAt: new Date('2026-01-01T00:00:00Z'), kind: 'episode' }),
    vector: vector!,
    terms: tokenizeForSearch(text),
  };
}

async function openStore(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.open(context);
  return store;
}

describe('SqliteStore persona state', () => {
  it('starts empty, versions each write and keeps state and episodes across reopen', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const store = await openStore(path);
    expect(await store.persona.read('user:ana')).toEqual({ state: null, version: 0 });
    expect(await store.persona.write('user:ana', { expectVersion: 0, state: { relatedness: 0.3 } })).toBe(1);
    const episode = await stored('e1', 'user:ana', 'We found out Ana loves lighthouses.');
    expect(
      await store.persona.write('user:ana', { expectVersion: 1, state: { relatedness: 0.4 }, insert: [episode] }),
    ).toBe(2);
    // The episode is searchable at once (own writes go into the loaded index).
    const hits = await store.lexicalCandidates({
      namespace: 'user:ana',
      terms: new Map(tokenizeForSearch('lighthouses').map((term) => [term, 1])),
      bm25: BM25_DEFAULTS,
      limit: 5,
    });
    expect(hits.map((hit) => hit.id)).toEqual(['e1']);
    expect(
      (await store.vectorCandidates({ namespace: 'user:ana', vector: episode.vector, limit: 5 })).map((hit) => hit.id),
    ).toEqual(['e1']);
    await store.close();

    const reopened = await openStore(path);
    expect(await reopened.persona.read('user:ana')).toEqual({ state: { relatedness: 0.4 }, version: 2 });
    expect((await reopened.get(['e1']))[0]?.text).toBe('We found out Ana loves lighthouses.');
    await reopened.close();
  });

  it('refuses a write planned on a stale version and writes neither state nor episodes', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.persona.write('user:ana', { expectVersion: 0, state: { n: 1 } });
    const late = store.persona.write('user:ana', {
      expectVersion: 0,
      state: { n: 2 },
      insert: [await stored('e2', 'user:ana', 'late episode')],
    });
    await expect(late).rejects.toSatisfy(isWriteConflict);
    expect(await store.persona.read('user:ana')).toEqual({ state: { n: 1 }, version: 1 });
    expect(await store.get(['e2'])).toEqual([]);
    await store.close();
  });

  it('rolls the state back when an episode cannot be inserted (one transaction)', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.insert([await stored('taken', 'user:ana', 'an earlier memory')]);
    const clash = store.persona.write('user:ana', {
      expectVersion: 0,
      state: { n: 1 },
      insert: [await stored('fresh', 'user:ana', 'new'), await stored('taken', 'user:ana', 'again')],
    });
    await expect(clash).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await store.persona.read('user:ana')).toEqual({ state: null, version: 0 });
    expect(await store.get(['fresh'])).toEqual([]);
    await store.close();
  });

  it('keeps namespaces apart and refuses an episode of another namespace', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.persona.write('user:ana', { expectVersion: 0, state: { who: 'ana' } });
    expect(await store.persona.read('user:ben')).toEqual({ state: null, version: 0 });
    await expect(
      store.persona.write('user:ben', {
        expectVersion: 0,
        state: {},
        insert: [await stored('x', 'user:ana', 'wrong wall')],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await store.persona.read('user:ben')).toEqual({ state: null, version: 0 });
    await store.close();
  });
});
