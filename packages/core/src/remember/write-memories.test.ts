import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { withoutGraph } from '../../test/without-graph.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createMemory } from '../memory/create-memory.js';
import { DEDUP_DEFAULTS } from './find-duplicates.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';

describe.each([
  ['with the graph capability', (path: string) => new SqliteStore({ path })],
  ['through the core contract only', (path: string) => withoutGraph(new SqliteStore({ path }))],
])('dedup on the write path %s', (_name, makeStore) => {
  const open = async () => {
    const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
    const memory = await createMemory({ store: makeStore(join(tempDirectory(), 'memory.db')), clock });
    return { memory, clock };
  };

  it('merges the same text (case, spacing and punctuation aside) into the first memory and reinforces it', async () => {
    const { memory, clock } = await open();
    const first = await memory.remember({ namespace: NS, text: 'Ana prefers green tea in the morning.' });
    clock.advanceDays(0.25);
    const second = await memory.remember({ namespace: NS, text: '  ana prefers GREEN tea in the morning!! ' });
    expect(first.outcome).toBe('created');
    expect(second.outcome).toBe('merged');
    expect(second.memory.id).toBe(first.memory.id);
    expect(second.memory.text).toBe('Ana prefers green tea in the morning.');
    expect(second.memory.accessCount).toBe(1);
    expect(second.memory.lastAccessedAt.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(await memory.get(first.memory.id)).toEqual(second.memory);
    expect((await memory.stats({ namespace: NS })).count).toBe(1);
    await memory.close();
  });

  it('merges near duplicates by vector similarity', async () => {
    const { memory } = await open();
    const first = await memory.remember({ namespace: NS, text: 'The user prefers green tea in the morning' });
    const second = await memory.remember({ namespace: NS, text: 'The user prefers green tea in the mornings' });
    const different = await memory.remember({ namespace: NS, text: 'The user prefers black coffee in the evening' });
    expect(second).toMatchObject({ outcome: 'merged', memory: { id: first.memory.id } });
    expect(different.outcome).toBe('created');
    expect((await memory.stats({ namespace: NS })).count).toBe(2);
    await memory.close();
  });

  it('never folds away what changed: a reversed wish, other numbers, the same words in another order', async () => {
    const { memory, clock } = await open();
    const before = await memory.remember({ namespace: NS, text: "I don't want to move to Tokyo" });
    clock.advanceDays(0.2);
    const after = await memory.remember({ namespace: NS, text: 'I want to move to Tokyo' });
    expect([before.outcome, after.outcome]).toEqual(['created', 'created']);
    expect(after.memory.id).not.toBe(before.memory.id);
    expect(await memory.remember({ namespace: NS, text: 'I want to move to Tokyo!' })).toMatchObject({
      outcome: 'merged',
      memory: { id: after.memory.id },
    });
    const texts = Array.from({ length: 1000 }, (_, n) => `A item ${Math.floor(n / 40) + 1}-${(n % 40) + 1}`);
    const results = await memory.rememberMany(texts.map((text) => ({ namespace: 'user:items', text })));
    expect(results.filter((result) => result.outcome === 'merged')).toEqual([]);
    expect((await memory.stats({ namespace: 'user:items' })).count).toBe(1000);
    await memory.close();
  });

  it('keeps repeats outside the time window, of another kind or in another namespace', async () => {
    const { memory, clock } = await open();
    await memory.remember({ namespace: NS, text: 'Had coffee with Bo.' });
    clock.advanceDays(DEDUP_DEFAULTS.windowHours / 24 + 0.1);
    expect((await memory.remember({ namespace: NS, text: 'Had coffee with Bo.' })).outcome).toBe('created');
    expect((await memory.remember({ namespace: NS, text: 'Had coffee with Bo.', kind: 'fact' })).outcome).toBe(
      'created',
    );
    expect((await memory.remember({ namespace: 'user:bo', text: 'Had coffee with Bo.' })).outcome).toBe('created');
    expect((await memory.stats({ namespace: NS })).count).toBe(3);
    await memory.close();
  });

  it('keeps a memory given dedupe: false on its own, against the store and its batch', async () => {
    const { memory } = await open();
    await memory.remember({ namespace: NS, text: 'Had tea with Bo.' });
    const alone = await memory.remember({
      namespace: NS,
      text: 'Had tea with Bo.',
      metadata: { key: 'x' },
      dedupe: false,
    });
    const batch = await memory.rememberMany([
      { namespace: NS, text: 'Had tea with Bo.', metadata: { key: 'y' }, dedupe: false },
      { namespace: NS, text: 'Had tea with Bo.', metadata: { key: 'z' }, dedupe: false },
    ]);
    expect([alone, ...batch].map((result) => result.outcome)).toEqual(['created', 'created', 'created']);
    expect((await memory.get(alone.memory.id))!.metadata).toEqual({ key: 'x' });
    expect((await memory.stats({ namespace: NS })).count).toBe(4);
    await memory.close();
  });

  it('deduplicates inside one rememberMany batch, against the batch and the store', async () => {
    const { memory } = await open();
    const stored = await memory.remember({ namespace: NS, text: 'Ana adopted a cat named Miso.' });
    const results = await memory.rememberMany([
      { namespace: NS, text: 'Ana started a pottery class.' },
      { namespace: NS, text: 'ana started a pottery class' },
      { namespace: NS, text: 'Ana adopted a cat named Miso!' },
      { namespace: 'user:bo', text: 'Ana started a pottery class.' },
      { namespace: NS, text: 'Ana started a pottery class…' },
    ]);
    expect(results.map((result) => result.outcome)).toEqual(['created', 'merged', 'merged', 'created', 'merged']);
    expect(results[1]!.memory.id).toBe(results[0]!.memory.id);
    expect(results[4]!.memory.id).toBe(results[0]!.memory.id);
    expect(results[2]!.memory.id).toBe(stored.memory.id);
    expect(results[3]!.memory.id).not.toBe(results[0]!.memory.id);
    expect((await memory.get(results[0]!.memory.id))!.accessCount).toBe(2);
    expect(results[0]!.memory.accessCount).toBe(2);
    expect((await memory.get(stored.memory.id))!.accessCount).toBe(1);
    expect((await memory.stats({ namespace: NS })).count).toBe(2);
    await memory.close();
  });
});

describe('entity links on the write path', () => {
  it('links each memory to the entities it mentions and lists their backlinks', async () => {
    const store = new SqliteStore({ path: join(tempDirectory(), 'memory.db') });
    const memory = await createMemory({ store });
    const [met, cooked, opener] = await memory.rememberMany([
      { namespace: NS, text: 'Ana met [[Bo]] at the Kyoto station.' },
      { namespace: NS, text: 'Later that week Bo cooked dinner for Ana.' },
      { namespace: NS, text: 'Kyoto was rainy all day.' },
    ]);
    const mentions = async (id: string) =>
      (await store.graph.links(NS, { ids: [id], direction: 'out', type: 'mentions' })).map((link) => link.to);
    expect(await mentions(met!.memory.id)).toEqual(['ana', 'bo', 'kyoto']);
    expect(await mentions(cooked!.memory.id)).toEqual(['ana', 'bo']);
    // A sentence-opening "Kyoto" counts because the namespace knows Kyoto from a certain mention.
    expect(await mentions(opener!.memory.id)).toEqual(['kyoto']);
    const backlinks = await store.graph.links(NS, { ids: ['bo'], direction: 'in', type: 'mentions' });
    expect(backlinks.map((link) => link.from).sort()).toEqual([met!.memory.id, cooked!.memory.id].sort());
    expect((await store.graph.entities(NS, ['bo']))[0]).toMatchObject({ name: 'Bo', mentionCount: 2 });
    await memory.close();
  });
});
