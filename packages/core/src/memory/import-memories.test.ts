import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedHashed } from '../embed/hashed-embedder.js';
import { ResonantError } from '../errors/resonant-error.js';
import type { MemoryStore, StoredMemory } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { createMemory } from './create-memory.js';
import { IMPORT_BATCH_SIZE } from './import-memories.js';
import type { Memory } from './memory.js';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const clock = () => NOW;
const ALICE = 'user:alice/agent:mika';
const BOB = 'user:bob/agent:mika';

let directory: string;
const memories: Memory[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'resonant-import-'));
});
afterEach(async () => {
  for (const memory of memories.splice(0)) await memory.close();
  rmSync(directory, { recursive: true, force: true });
});

async function open(name: string, store?: MemoryStore): Promise<Memory> {
  let counter = 0;
  const memory = await createMemory(store ? { store, clock, generateId: () => `${name}-${++counter}` } : { path: join(directory, `${name}.db`), clock, generateId: () => `${name}-${++counter}` });
  memories.push(memory);
  return memory;
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** A memory with history: several namespaces, signals, metadata, a summary, an archived record, recalls. */
async function populated(): Promise<{ memory: Memory; store: SqliteStore }> {
  const store = new SqliteStore({ path: join(directory, 'source.db') });
  const memory = await open('src', store);
  await memory.rememberMany([
    { namespace: ALICE, text: 'Alice plays the cello in the city orchestra', kind: 'fact', arousal: 0.3, utility: 0.8, metadata: { topic: 'music', tags: ['cello'] }, createdAt: new Date('2024-01-01T10:00:00Z') },
    { namespace: ALICE, text: 'Alice was furious when the orchestra tour was cancelled', arousal: 0.9, valence: -0.7, emotion: { joy: 0, aversion: 0.6, trauma: 0.1 }, createdAt: new Date('2024-02-01T10:00:00Z') },
    { namespace: ALICE, text: 'Alice drinks green tea without sugar', kind: 'preference', summary: 'Green tea, no sugar', crisis: 0.2, createdAt: new Date('2024-03-01T10:00:00Z') },
    { namespace: BOB, text: 'Bob repairs bicycles on weekends', metadata: { hobby: true }, createdAt: new Date('2024-01-15T10:00:00Z') },
  ]);
  const archivedText = 'Alice used to play the violin as a child';
  const archived: StoredMemory = {
    record: {
      id: 'archived-1', namespace: ALICE, kind: 'episode', text: archivedText, summary: null, createdAt: new Date('2023-05-01T00:00:00Z'), lastAccessedAt: new Date('2023-06-01T00:00:00Z'),
      accessCount: 4, arousal: 0.1, valence: 0.2, utility: 0.4, emotion: { joy: 0.3, aversion: 0, trauma: 0 }, crisis: 0, level: 2, archivedAt: new Date('2024-01-01T00:00:00Z'), metadata: {},
    },
    vector: embedHashed(archivedText, 384),
    terms: tokenizeForSearch(archivedText),
  };
  await store.insert([archived]);
  await memory.recall({ namespace: ALICE, query: 'orchestra cello', limit: 2 });
  return { memory, store };
}

const QUERIES = [
  { namespace: ALICE, query: 'Alice orchestra' },
  { namespace: ALICE, query: 'what does Alice drink' },
  { namespace: ALICE, query: 'violin childhood', filter: { includeArchived: true } },
  { namespace: BOB, query: 'bicycle repair' },
];

describe('export and import', () => {
  it('round-trips into a fresh store: identical records, vectors, export bytes and recall', async () => {
    const { memory: source } = await populated();
    const lines = await collect(source.export());
    expect(lines).toHaveLength(1 + 5);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);

    const target = await open('target');
    expect(await target.import({ lines })).toEqual({ imported: 5 });
    expect(await collect(target.export())).toEqual(lines);
    for (const options of QUERIES) {
      const recallOptions = { ...options, now: NOW, reinforce: false, limit: 10 };
      const expected = await source.recall(recallOptions);
      expect(expected.length).toBeGreaterThan(0);
      expect(await target.recall(recallOptions)).toEqual(expected);
    }
    expect(await target.get('archived-1')).toEqual(await source.get('archived-1'));
  });

  it('exports one namespace when asked, and only that one', async () => {
    const { memory } = await populated();
    const lines = await collect(memory.export({ namespace: BOB }));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ type: 'memory', namespace: BOB, text: 'Bob repairs bicycles on weekends', metadata: { hobby: true } });
    expect(JSON.parse(lines[1]!).vector).toHaveLength(384);
  });

  it('streams from an async iterable in batches, chunks holding several lines, and re-imports idempotently', async () => {
    const upserts: number[] = [];
    const store = new SqliteStore({ path: join(directory, 'batched.db') });
    const upsert = store.upsert.bind(store);
    store.upsert = async (batch) => {
      upserts.push(batch.length);
      return upsert(batch);
    };
    const target = await open('batched', store);
    const total = IMPORT_BATCH_SIZE * 2 + 7;
    const line = (index: number) => JSON.stringify({ type: 'memory', id: `m${index}`, namespace: ALICE, text: `generated memory number ${index}`, createdAt: new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString() });
    async function* chunks() {
      for (let index = 0; index < total; index += 2) yield index + 1 < total ? `${line(index)}\n${line(index + 1)}\n` : `${line(index)}\n`;
    }
    expect(await target.import({ lines: chunks() })).toEqual({ imported: total });
    expect(upserts).toEqual([IMPORT_BATCH_SIZE, IMPORT_BATCH_SIZE, 7]);
    expect(await target.import({ lines: chunks() })).toEqual({ imported: total });
    expect((await target.stats({ namespace: ALICE })).count).toBe(total);
    const [hit] = await target.recall({ namespace: ALICE, query: 'generated memory number 42', reinforce: false });
    expect(hit?.memory.id).toBe('m42');
  });

  it('embeds lines that carry no vector, and fills defaults for the fields left out', async () => {
    const target = await open('plain');
    await target.import({ lines: [JSON.stringify({ type: 'memory', namespace: ALICE, text: 'Alice keeps a diary in Japanese', createdAt: '2024-01-01T00:00:00+09:00' })] });
    const [hit] = await target.recall({ namespace: ALICE, query: 'diary', reinforce: false });
    expect(hit?.memory).toMatchObject({ id: 'plain-1', kind: 'episode', utility: 0.5, accessCount: 0, createdAt: new Date('2023-12-31T15:00:00.000Z') });
  });

  it('refuses bad lines with their line number, and vectors from another embedder', async () => {
    const target = await open('strict');
    const good = JSON.stringify({ type: 'memory', namespace: ALICE, text: 'fine', createdAt: '2024-01-01T00:00:00Z' });
    const bad = JSON.stringify({ type: 'memory', namespace: ALICE, text: 'bad', createdAt: '2024-01-01T00:00:00Z', arousal: 7 });
    const error = await target.import({ lines: [good, '', bad] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toContain('line 3');
    const notJson = await target.import({ lines: ['{oops'] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(notJson) && notJson.code).toBe('invalid_input');
    const header = JSON.stringify({ type: 'header', format: 'resonant-memories', version: 1, embedder: { id: 'some-other-model', dimensions: 384 } });
    const mismatch = await target.import({ lines: [header, good] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(mismatch) && mismatch.code).toBe('embedder_mismatch');
    const shortVector = JSON.stringify({ type: 'memory', namespace: ALICE, text: 'short', createdAt: '2024-01-01T00:00:00Z', vector: [1, 0] });
    const short = await target.import({ lines: [shortVector] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(short) && short.code).toBe('embedder_mismatch');
    const notIterable = await target.import({ lines: 'a string' as never }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(notIterable) && notIterable.code).toBe('invalid_input');
    expect(() => target.export({ namespace: '' })).toThrow(/namespace/);
  });

  it('refuses to import over an id that another namespace holds', async () => {
    const target = await open('walls');
    await target.import({ lines: [JSON.stringify({ type: 'memory', id: 'shared', namespace: BOB, text: 'Bob owns this id', createdAt: '2024-01-01T00:00:00Z' })] });
    const error = await target.import({ lines: [JSON.stringify({ type: 'memory', id: 'shared', namespace: ALICE, text: 'Alice tries', createdAt: '2024-01-01T00:00:00Z' })] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
    expect((await target.get('shared'))?.namespace).toBe(BOB);
  });

  it('fails export and import after close', async () => {
    const memory = await open('closed');
    await memory.close();
    await expect(collect(memory.export())).rejects.toMatchObject({ code: 'memory_closed' });
    await expect(memory.import({ lines: [] })).rejects.toMatchObject({ code: 'memory_closed' });
  });
});
