import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedHashed } from '../embed/hashed-embedder.js';
import { ResonantError } from '../errors/resonant-error.js';
import type { EntityNode, MemoryGraph, MemoryLink, MemoryStore, StoredMemory } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { withoutGraph } from '../../test/without-graph.js';
import { createMemory } from '../memory/create-memory.js';
import { IMPORT_BATCH_SIZE } from './import-memories.js';
import type { Memory } from '../memory/memory.js';

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
  const memory = await createMemory(
    store
      ? { store, clock, generateId: () => `${name}-${++counter}` }
      : { path: join(directory, `${name}.db`), clock, generateId: () => `${name}-${++counter}` },
  );
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
    {
      namespace: ALICE,
      text: 'Alice plays the cello in the city orchestra',
      kind: 'fact',
      arousal: 0.3,
      utility: 0.8,
      metadata: { topic: 'music', tags: ['cello'] },
      createdAt: new Date('2024-01-01T10:00:00Z'),
    },
    {
      namespace: ALICE,
      text: 'Alice was furious when the orchestra tour was cancelled',
      arousal: 0.9,
      valence: -0.7,
      emotion: { joy: 0, aversion: 0.6, trauma: 0.1 },
      createdAt: new Date('2024-02-01T10:00:00Z'),
    },
    {
      namespace: ALICE,
      text: 'Alice drinks green tea without sugar',
      kind: 'preference',
      summary: 'Green tea, no sugar',
      crisis: 0.2,
      createdAt: new Date('2024-03-01T10:00:00Z'),
    },
    {
      namespace: BOB,
      text: 'Bob repairs bicycles on weekends',
      metadata: { hobby: true },
      createdAt: new Date('2024-01-15T10:00:00Z'),
    },
  ]);
  const archivedText = 'Alice used to play the violin as a child';
  const archived: StoredMemory = {
    record: {
      id: 'archived-1',
      namespace: ALICE,
      kind: 'episode',
      text: archivedText,
      summary: null,
      createdAt: new Date('2023-05-01T00:00:00Z'),
      lastAccessedAt: new Date('2023-06-01T00:00:00Z'),
      accessCount: 4,
      arousal: 0.1,
      valence: 0.2,
      utility: 0.4,
      emotion: { joy: 0.3, aversion: 0, trauma: 0 },
      crisis: 0,
      level: 2,
      archivedAt: new Date('2024-01-01T00:00:00Z'),
      metadata: {},
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
    // Nothing here names a person or place, so no entity or link lines follow the memories.
    expect(lines).toHaveLength(1 + 5);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);

    const target = await open('target');
    expect(await target.import({ lines })).toEqual({
      imported: 5,
      entities: 0,
      links: 0,
      skipped: { danglingLinks: 0, withoutGraph: 0 },
    });
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
    expect(JSON.parse(lines[1]!)).toMatchObject({
      type: 'memory',
      namespace: BOB,
      text: 'Bob repairs bicycles on weekends',
      metadata: { hobby: true },
    });
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
    const line = (index: number) =>
      JSON.stringify({
        type: 'memory',
        id: `m${index}`,
        namespace: ALICE,
        text: `generated memory number ${index}`,
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString(),
      });
    async function* chunks() {
      for (let index = 0; index < total; index += 2)
        yield index + 1 < total ? `${line(index)}\n${line(index + 1)}\n` : `${line(index)}\n`;
    }
    expect(await target.import({ lines: chunks() })).toMatchObject({ imported: total });
    expect(upserts).toEqual([IMPORT_BATCH_SIZE, IMPORT_BATCH_SIZE, 7]);
    expect(await target.import({ lines: chunks() })).toMatchObject({ imported: total });
    expect((await target.stats({ namespace: ALICE })).count).toBe(total);
    const [hit] = await target.recall({ namespace: ALICE, query: 'generated memory number 42', reinforce: false });
    expect(hit?.memory.id).toBe('m42');
  });

  it('embeds lines that carry no vector, and fills defaults for the fields left out', async () => {
    const target = await open('plain');
    await target.import({
      lines: [
        JSON.stringify({
          type: 'memory',
          namespace: ALICE,
          text: 'Alice keeps a diary in Japanese',
          createdAt: '2024-01-01T00:00:00+09:00',
        }),
      ],
    });
    const [hit] = await target.recall({ namespace: ALICE, query: 'diary', reinforce: false });
    expect(hit?.memory).toMatchObject({
      id: 'plain-1',
      kind: 'episode',
      utility: 0.5,
      accessCount: 0,
      createdAt: new Date('2023-12-31T15:00:00.000Z'),
    });
  });

  it('refuses bad lines with their line number, and vectors from another embedder', async () => {
    const target = await open('strict');
    const good = JSON.stringify({ type: 'memory', namespace: ALICE, text: 'fine', createdAt: '2024-01-01T00:00:00Z' });
    const bad = JSON.stringify({
      type: 'memory',
      namespace: ALICE,
      text: 'bad',
      createdAt: '2024-01-01T00:00:00Z',
      arousal: 7,
    });
    const error = await target.import({ lines: [good, '', bad] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toContain('line 3');
    const notJson = await target.import({ lines: ['{oops'] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(notJson) && notJson.code).toBe('invalid_input');
    const header = JSON.stringify({
      type: 'header',
      format: 'resonant-memories',
      version: 1,
      embedder: { id: 'some-other-model', dimensions: 384 },
    });
    const mismatch = await target.import({ lines: [header, good] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(mismatch) && mismatch.code).toBe('embedder_mismatch');
    const shortVector = JSON.stringify({
      type: 'memory',
      namespace: ALICE,
      text: 'short',
      createdAt: '2024-01-01T00:00:00Z',
      vector: [1, 0],
    });
    const short = await target.import({ lines: [shortVector] }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(short) && short.code).toBe('embedder_mismatch');
    const notIterable = await target.import({ lines: 'a string' as never }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(notIterable) && notIterable.code).toBe('invalid_input');
    expect(() => target.export({ namespace: '' })).toThrow(/namespace/);
  });

  it('refuses to import over an id that another namespace holds', async () => {
    const target = await open('walls');
    await target.import({
      lines: [
        JSON.stringify({
          type: 'memory',
          id: 'shared',
          namespace: BOB,
          text: 'Bob owns this id',
          createdAt: '2024-01-01T00:00:00Z',
        }),
      ],
    });
    const error = await target
      .import({
        lines: [
          JSON.stringify({
            type: 'memory',
            id: 'shared',
            namespace: ALICE,
            text: 'Alice tries',
            createdAt: '2024-01-01T00:00:00Z',
          }),
        ],
      })
      .catch((caught: unknown) => caught);
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

/** Two days of Ana's diary with people and a place, a rename (Mel is Melanie), consolidated into summaries; and Bob's note. */
async function consolidated(): Promise<{ memory: Memory; store: SqliteStore }> {
  const store = new SqliteStore({ path: join(directory, 'graph-source.db') });
  const memory = await open('src', store);
  const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2024, 0, 1 + day, hour, minute));
  await memory.rememberMany([
    { namespace: ALICE, text: 'Had tea with [[Mel]] at the harbour.', createdAt: at(0, 9) },
    { namespace: ALICE, text: 'Bought a blue kite for the spring festival.', createdAt: at(0, 9, 5) },
    { namespace: ALICE, text: 'Painted the garden fence with Melanie.', createdAt: at(0, 15) },
    { namespace: ALICE, text: '[[Rui]] fixed the leaking kitchen tap.', createdAt: at(0, 15, 5) },
    { namespace: ALICE, text: 'Walked along the river in [[Kyoto]] with Rui.', createdAt: at(1, 9) },
    { namespace: ALICE, text: 'Tried a new recipe for miso soup.', createdAt: at(1, 9, 5) },
    { namespace: ALICE, text: 'Melanie lent me her old film camera.', createdAt: at(1, 15) },
    { namespace: ALICE, text: 'Finished reading the novel about whales.', createdAt: at(1, 15, 5) },
    { namespace: BOB, text: 'Bob met [[Chiyo]] at the station.', createdAt: at(0, 12) },
  ]);
  await memory.mergeEntity({ namespace: ALICE, from: 'Mel', into: 'Melanie' });
  await memory.remember({ namespace: ALICE, text: 'Mel sent a postcard from Lisbon.', createdAt: at(3, 10) });
  await memory.consolidate({ namespace: ALICE, now: at(12, 0) });
  return { memory, store };
}

/** Every link and entity of a namespace, read page by page. */
async function graphOf(
  graph: MemoryGraph,
  namespace: string,
): Promise<{ links: MemoryLink[]; entities: EntityNode[] }> {
  const links: MemoryLink[] = [];
  let after: string | null = null;
  do {
    const page = await graph.listLinks(namespace, { after, limit: 3 });
    links.push(...page.links);
    after = page.next;
  } while (after !== null);
  return { links, entities: await graph.entities(namespace) };
}

async function allRecords(memory: Memory, namespace: string) {
  return (await memory.list({ namespace, limit: 1000, filter: { includeArchived: true } })).records;
}

const lineTypes = (lines: readonly string[]) => lines.map((line) => (JSON.parse(line) as { type: string }).type);

describe('export and import of the graph (links and entities)', () => {
  it('round-trips drill-down chains, entity backlinks and merged names into a fresh store', async () => {
    const { memory: source, store: sourceStore } = await consolidated();
    const sourceGraph = await graphOf(sourceStore.graph, ALICE);
    expect(sourceGraph.links.some((link) => link.type === 'child')).toBe(true);
    expect(sourceGraph.entities).toContainEqual(expect.objectContaining({ key: 'mel', mergedInto: 'melanie' }));

    const lines = await collect(source.export());
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', version: 2, graph: true });
    // Per namespace: memories, then entities, then links.
    const types = lineTypes(lines).slice(1);
    expect(types.join(' ')).toMatch(/^(memory )+(entity )+(link )+(memory )+(entity )+link( link)*$/);
    const count = (type: string) => types.filter((each) => each === type).length;

    const targetStore = new SqliteStore({ path: join(directory, 'graph-target.db') });
    const target = await open('target', targetStore);
    expect(await target.import({ lines })).toEqual({
      imported: count('memory'),
      entities: count('entity'),
      links: count('link'),
      skipped: { danglingLinks: 0, withoutGraph: 0 },
    });

    for (const namespace of [ALICE, BOB])
      expect(await graphOf(targetStore.graph, namespace)).toEqual(await graphOf(sourceStore.graph, namespace));
    const records = await allRecords(source, ALICE);
    const summaries = records.filter((record) => record.kind === 'summary');
    expect(summaries.length).toBeGreaterThan(0);
    let deepest = 0;
    for (const record of records) {
      const chain = await source.drillDown({ namespace: ALICE, id: record.id });
      deepest = Math.max(deepest, chain.depth);
      expect(await target.drillDown({ namespace: ALICE, id: record.id })).toEqual(chain);
    }
    expect(deepest).toBeGreaterThanOrEqual(2);
    // Temporal neighbours are derived from creation times, which the lines keep to the millisecond.
    const ids = records.map((record) => record.id);
    const adjacency = await sourceStore.graph.adjacent(ALICE, ids, { radius: 2, filter: { includeArchived: true } });
    expect(adjacency.some((entry) => entry.before.length > 0 && entry.after.length > 0)).toBe(true);
    expect(await targetStore.graph.adjacent(ALICE, ids, { radius: 2, filter: { includeArchived: true } })).toEqual(
      adjacency,
    );
    for (const [namespace, name] of [
      [ALICE, 'Mel'],
      [ALICE, 'Melanie'],
      [ALICE, 'Rui'],
      [ALICE, 'Kyoto'],
      [BOB, 'Chiyo'],
    ] as const) {
      const backlinks = await source.entityBacklinks({ namespace, name, includeArchived: true });
      expect(backlinks.memories.length).toBeGreaterThan(0);
      expect(await target.entityBacklinks({ namespace, name, includeArchived: true })).toEqual(backlinks);
    }
    expect(await target.entityBacklinks({ namespace: ALICE, name: 'Mel' })).toMatchObject({
      key: 'melanie',
      name: 'Melanie',
      aliases: ['Mel'],
    });
    expect(await collect(target.export())).toEqual(lines);
  });

  it('re-imports idempotently and gives a replaced memory exactly the links the file has', async () => {
    const { memory: source, store: sourceStore } = await consolidated();
    const lines = await collect(source.export());
    const targetStore = new SqliteStore({ path: join(directory, 'graph-target.db') });
    const target = await open('target', targetStore);
    const first = await target.import({ lines });
    expect(await target.import({ lines })).toEqual(first);
    expect(await graphOf(targetStore.graph, ALICE)).toEqual(await graphOf(sourceStore.graph, ALICE));

    // A file that no longer says the tea memory mentions Melanie: importing it drops that link.
    const tea = (await allRecords(source, ALICE)).find((record) => record.text.startsWith('Had tea'))!;
    const isTeaMention = (line: string) =>
      line.includes('"type":"link"') && line.includes(`"from":"${tea.id}"`) && line.includes('"linkType":"mentions"');
    expect(lines.filter(isTeaMention)).toHaveLength(1);
    await target.import({ lines: lines.filter((line) => !isTeaMention(line)) });
    expect(await targetStore.graph.links(ALICE, { ids: [tea.id], direction: 'out', type: 'mentions' })).toEqual([]);
    expect(
      (await target.entityBacklinks({ namespace: ALICE, name: 'Melanie', includeArchived: true })).memories.map(
        (record) => record.id,
      ),
    ).not.toContain(tea.id);
    expect((await graphOf(targetStore.graph, ALICE)).links).toHaveLength(
      (await graphOf(sourceStore.graph, ALICE)).links.length - 1,
    );

    // A version-1 file (memory lines only) replaces records and leaves the links alone.
    const versionOne = [
      JSON.stringify({ ...JSON.parse(lines[0]!), version: 1, graph: undefined }),
      ...lines.slice(1).filter((line) => lineTypes([line])[0] === 'memory'),
    ];
    const before = await graphOf(targetStore.graph, ALICE);
    expect(await target.import({ lines: versionOne })).toEqual({
      imported: first.imported,
      entities: 0,
      links: 0,
      skipped: { danglingLinks: 0, withoutGraph: 0 },
    });
    expect(await graphOf(targetStore.graph, ALICE)).toEqual(before);
  });

  it('still imports a version-1 file into a fresh store', async () => {
    const target = await open('target');
    const header = JSON.stringify({
      type: 'header',
      format: 'resonant-memories',
      version: 1,
      embedder: { id: 'resonant-hashed-v1-384', dimensions: 384 },
    });
    const text = 'Alice keeps bees on the roof';
    const line = JSON.stringify({
      type: 'memory',
      id: 'bees',
      namespace: ALICE,
      kind: 'fact',
      text,
      summary: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      vector: Array.from(embedHashed(text, 384)),
    });
    expect(await target.import({ lines: [header, line] })).toEqual({
      imported: 1,
      entities: 0,
      links: 0,
      skipped: { danglingLinks: 0, withoutGraph: 0 },
    });
    expect(await target.get('bees')).toMatchObject({ kind: 'fact', text, namespace: ALICE });
  });

  it('skips links whose memory ends the file left out, and says how many', async () => {
    const { memory: source } = await consolidated();
    const lines = await collect(source.export());
    const rui = (await allRecords(source, ALICE)).find((record) => record.text.includes('kitchen tap'))!;
    const withoutRui = lines.filter((line) => !(line.includes('"type":"memory"') && line.includes(`"id":"${rui.id}"`)));
    expect(withoutRui).toHaveLength(lines.length - 1);
    const touching = lines.filter(
      (line) =>
        line.includes('"type":"link"') && (line.includes(`"from":"${rui.id}"`) || line.includes(`"to":"${rui.id}"`)),
    );
    expect(touching.length).toBeGreaterThanOrEqual(2);
    const targetStore = new SqliteStore({ path: join(directory, 'graph-target.db') });
    const target = await open('target', targetStore);
    const result = await target.import({ lines: withoutRui });
    expect(result.skipped).toEqual({ danglingLinks: touching.length, withoutGraph: 0 });
    expect(result.links).toBe(lineTypes(lines).filter((type) => type === 'link').length - touching.length);
    expect(await targetStore.graph.links(ALICE, { ids: [rui.id], direction: 'in', type: 'child' })).toEqual([]);
  });

  it('refuses corrupt and unknown lines with their line number and writes nothing of their batch', async () => {
    const targetStore = new SqliteStore({ path: join(directory, 'strict-graph.db') });
    const target = await open('strict', targetStore);
    const memoryLine = JSON.stringify({
      type: 'memory',
      id: 'm1',
      namespace: ALICE,
      text: 'Tea with Mel',
      createdAt: '2024-01-01T00:00:00Z',
    });
    const entity = JSON.stringify({ type: 'entity', namespace: ALICE, key: 'mel', name: 'Mel', mergedInto: null });
    const link = JSON.stringify({ type: 'link', namespace: ALICE, linkType: 'mentions', from: 'm1', to: 'mel' });
    const cases: [string, string][] = [
      ['{"type":"link","namespace":"user:alice/agent:mika","linkType":"mentions","from":"m1"}', 'line 4'],
      ['{"type":"link","namespace":"user:alice/agent:mika","linkType":"parent","from":"m1","to":"m2"}', 'line 4'],
      ['{"type":"entity","namespace":"user:alice/agent:mika","name":"Mel"}', 'line 4'],
      ['{"type":"widget","namespace":"user:alice/agent:mika"}', 'line 4'],
      ['{"type":"link", oops', 'Line 4'],
    ];
    for (const [bad, where] of cases) {
      const error = await target.import({ lines: [memoryLine, entity, link, bad] }).catch((caught: unknown) => caught);
      expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
      expect((error as Error).message).toContain(where);
      // The memory batch before the graph lines went in; the entity and link of the broken batch did not.
      expect(await target.get('m1')).not.toBeNull();
      expect(await targetStore.graph.entities(ALICE)).toEqual([]);
      expect(await targetStore.graph.links(ALICE, { ids: ['m1'], direction: 'out', type: 'mentions' })).toEqual([]);
    }
    const newer = JSON.stringify({
      type: 'header',
      format: 'resonant-memories',
      version: 3,
      embedder: { id: 'resonant-hashed-v1-384', dimensions: 384 },
    });
    await expect(target.import({ lines: [newer, memoryLine] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await target.import({ lines: [memoryLine, entity, link] })).toMatchObject({
      imported: 1,
      entities: 1,
      links: 1,
    });
  });

  it('imports the memories into a store without the graph capability and reports the graph lines as skipped', async () => {
    const { memory: source } = await consolidated();
    const lines = await collect(source.export());
    const types = lineTypes(lines);
    const plain = await open('plain', withoutGraph(new SqliteStore({ path: join(directory, 'plain.db') })));
    const result = await plain.import({ lines });
    expect(result).toEqual({
      imported: types.filter((type) => type === 'memory').length,
      entities: 0,
      links: 0,
      skipped: { danglingLinks: 0, withoutGraph: types.filter((type) => type === 'entity' || type === 'link').length },
    });
    expect(result.skipped.withoutGraph).toBeGreaterThan(0);
    const exported = await collect(plain.export());
    expect(JSON.parse(exported[0]!)).toMatchObject({ version: 2, graph: false });
    expect(exported.slice(1)).toEqual(lines.filter((line) => line.includes('"type":"memory"')));
  });
});
