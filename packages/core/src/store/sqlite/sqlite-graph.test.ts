import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { embedHashed } from '../../embed/hashed-embedder.js';
import { NO_EMOTION } from '../../records/emotion-scores.js';
import { RECORD_DEFAULTS, type MemoryRecord } from '../../records/memory-record.js';
import { tokenizeForSearch } from '../../text/tokenize-for-search.js';
import type { StoredMemory } from '../memory-store.js';
import { SqliteStore } from './sqlite-store.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';
const OPEN = { embedderId: 'resonant-hashed-v1-64', dimensions: 64 };

function stored(id: string, text: string, minute: number, patch: Partial<MemoryRecord> = {}): StoredMemory {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 9, minute));
  const record: MemoryRecord = {
    id,
    namespace: NS,
    kind: 'episode',
    text,
    summary: null,
    createdAt,
    lastAccessedAt: createdAt,
    accessCount: 0,
    arousal: RECORD_DEFAULTS.arousal,
    valence: 0,
    utility: RECORD_DEFAULTS.utility,
    emotion: NO_EMOTION,
    crisis: 0,
    level: null,
    archivedAt: null,
    metadata: {},
    ...patch,
  };
  return { record, vector: embedHashed(text, 64), terms: tokenizeForSearch(text) };
}

async function openStore(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.open(OPEN);
  return store;
}

const search = (store: SqliteStore, query: string, includeArchived = false) =>
  store.search({ namespace: NS, terms: tokenizeForSearch(query), vector: embedHashed(query, 64), limit: 10, filter: { includeArchived } });

describe('SQLite graph capability', () => {
  it('writes memories, entities and links in one transaction and lists links both ways', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, {
      insert: [stored('a', 'Ana met Bo in Kyoto', 1), stored('b', 'Bo cooked dinner', 2)],
      entities: [
        { key: 'bo', name: 'Bo' },
        { key: 'kyoto', name: 'Kyoto' },
      ],
      link: [
        { type: 'mentions', from: 'a', to: 'bo' },
        { type: 'mentions', from: 'a', to: 'kyoto' },
        { type: 'mentions', from: 'b', to: 'bo' },
        { type: 'mentions', from: 'b', to: 'bo' },
      ],
    });
    expect((await store.graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).map((link) => link.to)).toEqual(['bo', 'kyoto']);
    expect((await store.graph.links(NS, { ids: ['bo'], direction: 'in', type: 'mentions' })).map((link) => link.from)).toEqual(['a', 'b']);
    expect(await store.graph.entities(NS)).toEqual([
      { key: 'bo', name: 'Bo', mergedInto: null, mentionCount: 2 },
      { key: 'kyoto', name: 'Kyoto', mergedInto: null, mentionCount: 1 },
    ]);
    expect(await store.graph.links('user:other', { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([]);
    expect((await search(store, 'Bo cooked dinner'))[0]!.record.id).toBe('b');
    await store.close();
  });

  it('rolls the whole change back when one part fails', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, { insert: [stored('a', 'first', 1)] });
    await expect(
      store.graph.write(NS, { entities: [{ key: 'x', name: 'X' }], link: [{ type: 'mentions', from: 'c', to: 'x' }], insert: [stored('c', 'new', 2), stored('a', 'again', 3)] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await store.get(['c'])).toEqual([]);
    expect(await store.graph.entities(NS)).toEqual([]);
    expect(await store.graph.links(NS, { ids: ['c'], direction: 'out', type: 'mentions' })).toEqual([]);
    await expect(store.graph.write(NS, { insert: [{ ...stored('d', 'elsewhere', 4), record: { ...stored('d', 'elsewhere', 4).record, namespace: 'user:bo' } }] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await store.close();
  });

  it('insertIfAbsent writes a memory once however often it is replayed', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    const summary = stored('s1', 'A calm morning', 5, { kind: 'summary', level: 0 });
    for (let run = 0; run < 3; run++) await store.graph.write(NS, { insertIfAbsent: [summary], link: [{ type: 'child', from: 's1', to: 'a' }] });
    expect(await store.count(NS)).toBe(1);
    expect(await store.graph.links(NS, { ids: ['s1'], direction: 'out', type: 'child' })).toEqual([{ type: 'child', from: 's1', to: 'a' }]);
    await store.close();
  });

  it('unlink replaces a memory’s links of one type', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, { link: [{ type: 'mentions', from: 'a', to: 'mel' }, { type: 'child', from: 'a', to: 'x' }] });
    await store.graph.write(NS, { unlink: { from: ['a'], type: 'mentions' }, link: [{ type: 'mentions', from: 'a', to: 'melanie' }] });
    expect(await store.graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([{ type: 'mentions', from: 'a', to: 'melanie' }]);
    expect(await store.graph.links(NS, { ids: ['a'], direction: 'out', type: 'child' })).toHaveLength(1);
    await store.close();
  });

  it('records merges of entities and keeps the first name', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, { entities: [{ key: 'mel', name: 'Mel' }] });
    await store.graph.write(NS, { entities: [{ key: 'melanie', name: 'Melanie' }, { key: 'mel', name: 'MEL', mergedInto: 'melanie' }] });
    expect(await store.graph.entities(NS, ['mel', 'melanie', 'nobody'])).toEqual([
      { key: 'mel', name: 'Mel', mergedInto: 'melanie', mentionCount: 0 },
      { key: 'melanie', name: 'Melanie', mergedInto: null, mentionCount: 0 },
    ]);
    await store.close();
  });

  it('lists temporal neighbours in creation order, leaving archived memories out unless asked', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, { insert: [1, 2, 3, 4, 5].map((minute) => stored(`m${minute}`, `event ${minute}`, minute)) });
    await store.graph.write(NS, { archive: { ids: ['m2'], at: new Date('2026-02-01T00:00:00Z') } });
    expect(await store.graph.adjacent(NS, ['m3', 'm1', 'missing'], { radius: 2 })).toEqual([
      { id: 'm3', before: ['m1'], after: ['m4', 'm5'] },
      { id: 'm1', before: [], after: ['m3', 'm4'] },
      { id: 'missing', before: [], after: [] },
    ]);
    expect((await store.graph.adjacent(NS, ['m3'], { radius: 1, filter: { includeArchived: true } }))[0]).toEqual({ id: 'm3', before: ['m2'], after: ['m4'] });
    await store.close();
  });

  it('archiving takes a memory out of default search here and in another connection', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const writer = await openStore(path);
    const reader = await openStore(path);
    await writer.graph.write(NS, { insert: [stored('a', 'Ana planted tulips', 1), stored('b', 'Ana planted roses', 2)] });
    // Both processes' indexes are loaded before the archive.
    expect((await search(writer, 'planted tulips')).map((hit) => hit.record.id)).toContain('a');
    expect((await search(reader, 'planted tulips')).map((hit) => hit.record.id)).toContain('a');
    const at = new Date('2026-03-01T00:00:00Z');
    await writer.graph.write(NS, { archive: { ids: ['a', 'a'], at } });
    await writer.graph.write(NS, { archive: { ids: ['a'], at: new Date('2027-01-01T00:00:00Z') } });
    for (const store of [writer, reader]) {
      expect((await search(store, 'planted tulips')).map((hit) => hit.record.id)).toEqual(['b']);
      expect((await search(store, 'planted tulips', true)).map((hit) => hit.record.id)).toContain('a');
    }
    expect((await reader.get(['a']))[0]!.archivedAt).toEqual(at);
    expect((await reader.list({ namespace: NS, limit: 10 })).records.map((record) => record.id)).toEqual(['b']);
    await writer.close();
    await reader.close();
  });

  it('forgetting a memory removes its links', async () => {
    const store = await openStore(join(tempDirectory(), 'memory.db'));
    await store.graph.write(NS, {
      insert: [stored('a', 'Ana met Bo', 1), stored('s', 'summary', 2, { kind: 'summary', level: 0 })],
      link: [
        { type: 'mentions', from: 'a', to: 'bo' },
        { type: 'child', from: 's', to: 'a' },
      ],
    });
    await store.delete(NS, ['a']);
    expect(await store.graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([]);
    expect(await store.graph.links(NS, { ids: ['s'], direction: 'out', type: 'child' })).toEqual([]);
    await store.close();
  });
});
