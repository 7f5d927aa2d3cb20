import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';
import { createKeyedItems, type KeyedItems } from './create-keyed-items.js';

describe('createKeyedItems', () => {
  const tempDirectory = useTempDirectory();
  let memory: Memory;
  let items: KeyedItems;
  let tick: number;
  const clock = () => new Date((tick += 60_000));

  beforeEach(async () => {
    tick = Date.parse('2025-03-01T09:00:00Z');
    memory = await createMemory({ path: join(tempDirectory(), 'memory.db'), clock });
    items = createKeyedItems({ memory, prefix: 'kv' });
  });
  afterEach(async () => memory.close());

  const keys = (found: { key: string }[]) => found.map((item) => item.key);

  it('stores an item as one fact memory in the namespace of its path, found by its strings', async () => {
    await items.put({
      namespace: ['users', 'alice'],
      key: 'tea',
      value: { text: 'Alice loves jasmine tea', rating: 5, when: new Date('2025-01-02T00:00:00Z') },
    });
    const [record] = (await memory.list({ namespace: 'kv/users/alice' })).records;
    expect(record).toMatchObject({ kind: 'fact', text: 'Alice loves jasmine tea\n2025-01-02T00:00:00.000Z' });
    expect(record!.metadata).toEqual({
      item_key: 'tea',
      item_value: { text: 'Alice loves jasmine tea', rating: 5, when: '2025-01-02T00:00:00.000Z' },
    });

    await items.put({
      namespace: ['users', 'alice'],
      key: 'bike',
      value: { text: 'Alice rides a bike', colour: 'red' },
      fields: ['colour'],
    });
    await items.put({ namespace: ['users', 'alice'], key: 'secret', value: { text: 'not searchable' }, fields: false });
    const texts = (await memory.list({ namespace: 'kv/users/alice' })).records.map((stored) => stored.text);
    expect(texts.slice(1)).toEqual(['red', 'secret']);
  });

  it('replaces an item: the new version first, the old forgotten, the first creation time kept', async () => {
    await items.put({ namespace: ['u'], key: 'tea', value: { text: 'jasmine tea' } });
    const first = await items.get({ namespace: ['u'], key: 'tea' });
    await items.put({ namespace: ['u'], key: 'tea', value: { text: 'oolong tea' } });
    const second = await items.get({ namespace: ['u'], key: 'tea' });

    expect(second).toMatchObject({ namespace: ['u'], key: 'tea', value: { text: 'oolong tea' } });
    expect(second!.createdAt).toEqual(first!.createdAt);
    expect(second!.updatedAt.getTime()).toBeGreaterThan(first!.updatedAt.getTime());
    expect((await memory.list({ namespace: 'kv/u' })).records).toHaveLength(1);

    await items.delete({ namespace: ['u'], key: 'tea' });
    expect(await items.get({ namespace: ['u'], key: 'tea' })).toBeNull();
    expect((await memory.stats({ namespace: 'kv/u' })).count).toBe(0);
  });

  it('never loses an item to a look-alike: same text under two keys, or the same value put again', async () => {
    await items.put({ namespace: ['u'], key: 'a', value: { text: 'same text', n: 1 } });
    await items.put({ namespace: ['u'], key: 'b', value: { text: 'same text', n: 2 } });
    await items.put({ namespace: ['u'], key: 'a', value: { text: 'same text', n: 1 } });

    expect(await items.get({ namespace: ['u'], key: 'a' })).toMatchObject({ value: { text: 'same text', n: 1 } });
    expect(await items.get({ namespace: ['u'], key: 'b' })).toMatchObject({ value: { text: 'same text', n: 2 } });
    expect((await memory.stats({ namespace: 'kv/u' })).count).toBe(2);
  });

  it('reads the newest version while concurrent puts of a key settle, and searches show it once', async () => {
    const version = (text: string) => ({
      namespace: 'kv/u',
      kind: 'fact' as const,
      text,
      metadata: { item_key: 'k', item_value: { text } },
    });
    await memory.remember(version('older version'));
    await memory.remember(version('newer version'));
    expect((await items.get({ namespace: ['u'], key: 'k' }))?.value).toEqual({ text: 'newer version' });
    expect((await items.search({ namespacePrefix: ['u'] })).map((item) => item.value.text)).toEqual(['newer version']);
    expect((await items.search({ namespacePrefix: ['u'], query: 'version' })).map((item) => item.value.text)).toEqual([
      'newer version',
    ]);
    // A filter judges the newest version only: an older one that matches must not stand in for it.
    expect(await items.search({ namespacePrefix: ['u'], filter: { text: 'older version' } })).toEqual([]);
    expect(await items.search({ namespacePrefix: ['u'], query: 'version', filter: { text: 'older version' } })).toEqual(
      [],
    );
    await items.put({ namespace: ['u'], key: 'k', value: { text: 'settled' } });
    expect((await memory.list({ namespace: 'kv/u' })).records.map((record) => record.text)).toEqual(['settled']);
  });

  it('shows other memories of a namespace as m:<id> items, and never one of another namespace', async () => {
    const { memory: note } = await memory.remember({ namespace: 'kv/u', text: 'written by another tool' });
    const { memory: elsewhere } = await memory.remember({ namespace: 'kv/v', text: 'another namespace' });
    expect(await items.get({ namespace: ['u'], key: `m:${note.id}` })).toMatchObject({
      key: `m:${note.id}`,
      value: { text: 'written by another tool', kind: 'episode' },
    });
    expect(await items.get({ namespace: ['u'], key: `m:${elsewhere.id}` })).toBeNull();
    expect(keys(await items.search({ namespacePrefix: ['u'] }))).toEqual([`m:${note.id}`]);
  });

  it('searches by recall with a query and lists newest first without one; filters on the value, then pages', async () => {
    await items.put({
      namespace: ['docs'],
      key: 'a',
      value: { text: 'draft about rivers', status: 'draft', score: 2 },
    });
    await items.put({
      namespace: ['docs'],
      key: 'b',
      value: { text: 'final about rivers', status: 'final', score: 5 },
    });
    await items.put({
      namespace: ['docs'],
      key: 'c',
      value: { text: 'final about mountains', status: 'final', score: 3 },
    });

    const ranked = await items.search({ namespacePrefix: ['docs'], query: 'mountains' });
    expect(ranked[0]).toMatchObject({ key: 'c' });
    expect(ranked[0]!.score).toBeGreaterThan(0);
    expect(ranked.every((item, index) => index === 0 || item.score! <= ranked[index - 1]!.score!)).toBe(true);

    const listed = await items.search({ namespacePrefix: ['docs'] });
    expect(keys(listed)).toEqual(['c', 'b', 'a']);
    expect(listed[0]!.score).toBeUndefined();
    expect(keys(await items.search({ namespacePrefix: ['docs'], limit: 1, offset: 1 }))).toEqual(['b']);
    expect(keys(await items.search({ namespacePrefix: ['docs'], filter: { score: { $gte: 3 } } }))).toEqual(['c', 'b']);
    expect(
      keys(await items.search({ namespacePrefix: ['docs'], filter: { status: 'final' }, query: 'rivers' })),
    ).toEqual(['b']);
    expect(await items.search({ namespacePrefix: ['docs'], query: 'rivers', limit: 0 })).toEqual([]);
  });

  it('searches a path across its children, never across siblings or outside the prefix', async () => {
    await items.put({
      namespace: ['users', 'alice', 'notes'],
      key: 'n1',
      value: { text: 'Alice keeps a garden of tomatoes' },
    });
    await items.put({
      namespace: ['users', 'alice', 'prefs'],
      key: 'p1',
      value: { text: 'Alice prefers tomatoes raw' },
    });
    await items.put({ namespace: ['users', 'alicia'], key: 'x', value: { text: 'Alicia grows tomatoes too' } });
    await memory.remember({ namespace: 'users/alice', text: 'tomatoes outside the prefix' });

    const alice = await items.search({ namespacePrefix: ['users', 'alice'], query: 'tomatoes' });
    expect(keys(alice).sort()).toEqual(['n1', 'p1']);
    expect(alice.map((item) => item.namespace)).toContainEqual(['users', 'alice', 'prefs']);
    expect(await items.search({ namespacePrefix: ['users', '*', 'prefs'], query: 'tomatoes' })).toHaveLength(1);
    expect(await items.search({ namespacePrefix: [], query: 'tomatoes' })).toHaveLength(3);
  });

  it('lists namespace paths under the prefix with conditions, depth and paging', async () => {
    for (const path of [
      ['users', 'alice', 'notes'],
      ['users', 'bob', 'notes'],
      ['users', 'bob', 'prefs'],
      ['teams', 'red'],
    ]) {
      await items.put({ namespace: path, key: 'x', value: { text: path.join(' ') } });
    }
    await memory.remember({ namespace: 'elsewhere', text: 'outside the prefix' });

    expect(await items.namespaces()).toEqual([
      ['teams', 'red'],
      ['users', 'alice', 'notes'],
      ['users', 'bob', 'notes'],
      ['users', 'bob', 'prefs'],
    ]);
    expect(
      await items.namespaces({
        matchConditions: [
          { matchType: 'suffix', path: ['notes'] },
          { matchType: 'prefix', path: ['users', 'bob'] },
        ],
      }),
    ).toEqual([['users', 'bob', 'notes']]);
    expect(await items.namespaces({ maxDepth: 1 })).toEqual([['teams'], ['users']]);
    expect(await items.namespaces({ limit: 1, offset: 1 })).toEqual([['users', 'alice', 'notes']]);
  });

  it('keeps its metadata keys apart from another view of the same memory', async () => {
    const other = createKeyedItems({
      memory,
      prefix: 'kv',
      metadataKeys: { key: 'other_key', value: 'other_value', createdAt: 'other_created_at' },
    });
    await other.put({ namespace: ['u'], key: 'k', value: { text: 'the other view' } });
    expect(await items.get({ namespace: ['u'], key: 'k' })).toBeNull();
    expect(keys(await items.search({ namespacePrefix: ['u'] }))[0]).toMatch(/^m:/);
    expect((await other.get({ namespace: ['u'], key: 'k' }))?.value).toEqual({ text: 'the other view' });
  });

  it('rejects bad options and items with typed errors', async () => {
    expect(() => createKeyedItems({ memory, prefix: 'a/b' })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createKeyedItems({ memory, reinforce: 'yes' as unknown as boolean })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    await expect(items.put({ namespace: [], key: 'k', value: {} })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(items.put({ namespace: ['a', ''], key: 'k', value: {} })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(items.search({ namespacePrefix: [], limit: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
