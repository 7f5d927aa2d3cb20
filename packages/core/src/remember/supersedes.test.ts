import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { withoutGraph } from '../../test/without-graph.js';
import { createMemory } from '../memory/create-memory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

const tempDirectory = useTempDirectory();
const NOW = new Date('2026-03-01T18:00:00Z');
const at = (hour: number) => new Date(`2026-03-01T${String(hour).padStart(2, '0')}:00:00Z`);
const open = (name = 'memory.db') => createMemory({ path: join(tempDirectory(), name), clock: () => NOW });

describe('a memory that revises an earlier one', () => {
  it('is stored beside it, says which one it supersedes, and recall puts it first', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    const before = await memory.remember({ namespace, text: 'I want to move to Tokyo', createdAt: at(9) });
    const after = await memory.remember({ namespace, text: "I don't want to move to Tokyo", createdAt: at(15) });
    expect(after.outcome).toBe('created');
    expect(after.supersedes).toBe(before.memory.id);
    const hits = await memory.recall({ namespace, query: 'move to Tokyo', reinforce: false });
    expect(hits.map((hit) => hit.memory.id)).toEqual([after.memory.id, before.memory.id]);
    expect(hits[1]!.signals.superseded).toBe(true);
    expect(hits[0]!.signals.superseded).toBeUndefined();
    await memory.close();
  });

  it('gives the older memory its full score back once the revision is forgotten', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    const before = await memory.remember({ namespace, text: 'I want to move to Tokyo', createdAt: at(9) });
    const after = await memory.remember({ namespace, text: "I don't want to move to Tokyo", createdAt: at(15) });
    await memory.forget({ namespace, ids: [after.memory.id] });
    const hits = await memory.recall({ namespace, query: 'move to Tokyo', reinforce: false });
    expect(hits.map((hit) => hit.memory.id)).toEqual([before.memory.id]);
    expect(hits[0]!.signals.superseded).toBeUndefined();
    await memory.close();
  });

  it('reports no revision on a store without links, where recall could not prefer the newer one', async () => {
    const memory = await createMemory({
      store: withoutGraph(new SqliteStore({ path: join(tempDirectory(), 'plain.db') })),
      clock: () => NOW,
    });
    const namespace = 'user:aki';
    await memory.remember({ namespace, text: 'I want to move to Tokyo', createdAt: at(9) });
    const after = await memory.remember({ namespace, text: "I don't want to move to Tokyo", createdAt: at(15) });
    expect(after.outcome).toBe('created');
    expect(after.supersedes).toBeUndefined();
    expect(await memory.recall({ namespace, query: 'move to Tokyo', reinforce: false })).toHaveLength(2);
    await memory.close();
  });

  it('works in Japanese and within one rememberMany batch', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    const [first, second] = await memory.rememberMany([
      { namespace, text: '東京に引っ越したい', createdAt: at(9) },
      { namespace, text: '東京に引っ越したくない', createdAt: at(10) },
    ]);
    expect(second!.supersedes).toBe(first!.memory.id);
    const [top] = await memory.recall({ namespace, query: '東京に引っ越し', reinforce: false });
    expect(top!.memory.id).toBe(second!.memory.id);
    await memory.close();
  });

  it('links from the later-created memory when the revision is remembered with an earlier date', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    const later = await memory.remember({ namespace, text: 'I eat meat at home', createdAt: at(15) });
    const backfilled = await memory.remember({ namespace, text: "I don't eat meat at home", createdAt: at(9) });
    expect(backfilled.supersededBy).toBe(later.memory.id);
    const [top] = await memory.recall({ namespace, query: 'do I eat meat at home', reinforce: false });
    expect(top!.memory.id).toBe(later.memory.id);
    await memory.close();
  });

  it('leaves statements that differ in content alone', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    await memory.remember({ namespace, text: 'I want to move to Tokyo', createdAt: at(9) });
    const other = await memory.remember({ namespace, text: 'I want to move to Osaka', createdAt: at(10) });
    expect(other.supersedes).toBeUndefined();
    expect(other.supersededBy).toBeUndefined();
    await memory.close();
  });

  it('is never linked across namespaces', async () => {
    const memory = await open();
    await memory.remember({ namespace: 'user:a', text: 'I want to move to Tokyo', createdAt: at(9) });
    const other = await memory.remember({
      namespace: 'user:b',
      text: "I don't want to move to Tokyo",
      createdAt: at(10),
    });
    expect(other.supersedes).toBeUndefined();
    await memory.close();
  });

  it('gives the context the newer one when only one fits', async () => {
    const memory = await open();
    const namespace = 'user:aki';
    await memory.remember({ namespace, text: 'I want to move to Tokyo next spring', createdAt: at(9) });
    await memory.remember({ namespace, text: "I don't want to move to Tokyo next spring", createdAt: at(15) });
    const roomy = await memory.buildContext({
      namespace,
      query: 'move to Tokyo',
      budget: { tokens: 400 },
      reinforce: false,
    });
    expect(roomy.included).toHaveLength(2);
    const tight = await memory.buildContext({
      namespace,
      query: 'move to Tokyo',
      budget: { tokens: roomy.tokens - 8 },
      reinforce: false,
    });
    expect(tight.included.map((item) => item.memory.text)).toEqual(["I don't want to move to Tokyo next spring"]);
    await memory.close();
  });
});
