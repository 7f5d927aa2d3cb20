import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import {
  END,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import { createMemory, type Memory } from '@resonant/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResonantStore } from './resonant-store.js';

describe('ResonantStore', () => {
  let dir: string;
  let memory: Memory;
  let store: ResonantStore;
  let tick: number;
  const clock = () => new Date((tick += 60_000));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-langgraph-'));
    tick = Date.parse('2025-03-01T09:00:00Z');
    memory = await createMemory({ path: path.join(dir, 'memory.db'), clock });
    store = new ResonantStore({ memory });
  });
  afterEach(async () => memory.close());

  it('puts, gets, replaces and deletes items by key, keeping the first creation time', async () => {
    await store.put(['users', 'alice'], 'tea', { text: 'Alice loves jasmine tea', rating: 5 });
    const first = await store.get(['users', 'alice'], 'tea');
    expect(first).toMatchObject({
      namespace: ['users', 'alice'],
      key: 'tea',
      value: { text: 'Alice loves jasmine tea', rating: 5 },
    });

    await store.put(['users', 'alice'], 'tea', { text: 'Alice switched to oolong tea', rating: 4 });
    const second = await store.get(['users', 'alice'], 'tea');
    expect(second?.value).toEqual({ text: 'Alice switched to oolong tea', rating: 4 });
    expect(second?.createdAt.getTime()).toBe(first?.createdAt.getTime());
    expect(second!.updatedAt.getTime()).toBeGreaterThan(first!.updatedAt.getTime());
    // The old version is gone from the Resonant namespace, not just hidden.
    expect((await memory.list({ namespace: 'langgraph/users/alice' })).records).toHaveLength(1);

    await store.delete(['users', 'alice'], 'tea');
    expect(await store.get(['users', 'alice'], 'tea')).toBeNull();
    expect((await memory.stats({ namespace: 'langgraph/users/alice' })).count).toBe(0);
  });

  it('serves search with a query by recall, and without one by listing newest first', async () => {
    await store.put(['users', 'alice'], 'tea', { text: 'Alice loves jasmine tea in the morning' });
    await store.put(['users', 'alice'], 'bike', { text: 'Alice rides a red bicycle to work' });
    await store.put(['users', 'alice'], 'cat', { text: 'Alice has a cat called Miso' });

    const ranked = await store.search(['users', 'alice'], { query: 'what tea does she drink?' });
    expect(ranked[0]?.key).toBe('tea');
    expect(ranked[0]?.score).toBeGreaterThan(0);

    const listed = await store.search(['users', 'alice']);
    expect(listed.map((item) => item.key)).toEqual(['cat', 'bike', 'tea']);
    expect(listed[0]?.score).toBeUndefined();
    const paged = await store.search(['users', 'alice'], { limit: 1, offset: 1 });
    expect(paged.map((item) => item.key)).toEqual(['bike']);
  });

  it('filters on value fields with LangGraph operators', async () => {
    await store.put(['docs'], 'a', { text: 'draft about rivers', status: 'draft', score: 2 });
    await store.put(['docs'], 'b', { text: 'final about rivers', status: 'final', score: 5 });
    await store.put(['docs'], 'c', { text: 'final about mountains', status: 'final', score: 3 });
    const keys = async (filter: Record<string, unknown>, query?: string) =>
      (await store.search(['docs'], { filter, query })).map((item) => item.key).sort();
    expect(await keys({ status: 'final' })).toEqual(['b', 'c']);
    expect(await keys({ score: { $gte: 3 } })).toEqual(['b', 'c']);
    expect(await keys({ status: { $ne: 'final' } })).toEqual(['a']);
    expect(await keys({ status: { $in: ['draft', 'x'] } })).toEqual(['a']);
    expect(await keys({ status: 'final' }, 'rivers')).toEqual(['b']);
  });

  it('searches a namespace prefix across its children, and never across siblings', async () => {
    await store.put(['users', 'alice', 'notes'], 'n1', { text: 'Alice keeps a garden of tomatoes' });
    await store.put(['users', 'alice', 'prefs'], 'p1', { text: 'Alice prefers tomatoes raw' });
    await store.put(['users', 'bob'], 'b1', { text: 'Bob grows tomatoes too' });

    const alice = await store.search(['users', 'alice'], { query: 'tomatoes' });
    expect(alice.map((item) => item.key).sort()).toEqual(['n1', 'p1']);
    expect(alice.every((item) => item.namespace[1] === 'alice')).toBe(true);
    const everyone = await store.search([], { query: 'tomatoes' });
    expect(everyone).toHaveLength(3);
  });

  it('lists namespaces with prefix, suffix, wildcard and depth conditions', async () => {
    await store.put(['users', 'alice', 'notes'], 'x', { text: 'one' });
    await store.put(['users', 'bob', 'notes'], 'x', { text: 'two' });
    await store.put(['users', 'bob', 'prefs'], 'x', { text: 'three' });
    await store.put(['teams', 'red'], 'x', { text: 'four' });
    await memory.remember({ namespace: 'not-langgraph', text: 'outside the prefix' });

    expect(await store.listNamespaces()).toEqual([
      ['teams', 'red'],
      ['users', 'alice', 'notes'],
      ['users', 'bob', 'notes'],
      ['users', 'bob', 'prefs'],
    ]);
    expect(await store.listNamespaces({ prefix: ['users', 'bob'] })).toEqual([
      ['users', 'bob', 'notes'],
      ['users', 'bob', 'prefs'],
    ]);
    expect(await store.listNamespaces({ suffix: ['notes'] })).toEqual([
      ['users', 'alice', 'notes'],
      ['users', 'bob', 'notes'],
    ]);
    expect(await store.listNamespaces({ prefix: ['users', '*', 'prefs'] })).toEqual([['users', 'bob', 'prefs']]);
    expect(await store.listNamespaces({ maxDepth: 1 })).toEqual([['teams'], ['users']]);
    expect(await store.listNamespaces({ limit: 1, offset: 1 })).toEqual([['users', 'alice', 'notes']]);
  });

  it('maps labels to Resonant namespaces reversibly, and shows other Resonant memories as m:<id> items', async () => {
    await store.put(['files', 'a/b%c'], 'k', { text: 'slash label' });
    expect(await memory.namespaces()).toContain('langgraph/files/a%2Fb%25c');
    expect(await store.listNamespaces()).toEqual([['files', 'a/b%c']]);

    const { memory: record } = await memory.remember({
      namespace: 'langgraph/files/a%2Fb%25c',
      text: 'written by the AI SDK middleware',
    });
    const item = await store.get(['files', 'a/b%c'], `m:${record.id}`);
    expect(item?.value).toEqual({ text: 'written by the AI SDK middleware', kind: 'episode' });
    expect(await store.get(['files', 'other'], `m:${record.id}`)).toBeNull();
  });

  it('keeps items across a reopen of the same file', async () => {
    await store.put(['users', 'alice'], 'tea', { text: 'jasmine' });
    await memory.close();
    memory = await createMemory({ path: path.join(dir, 'memory.db'), clock });
    const reopened = new ResonantStore({ memory });
    expect((await reopened.get(['users', 'alice'], 'tea'))?.value).toEqual({ text: 'jasmine' });
  });

  it('rejects bad options with a typed error', () => {
    expect(() => new ResonantStore({ memory, prefix: 'a/b' })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('serves a compiled StateGraph: a fact stored in one thread is found in another', async () => {
    const model = new FakeListChatModel({ responses: ['Noted, jasmine it is.', 'You like jasmine tea.'] });
    const seenByModel: BaseMessage[][] = [];
    const agent = async (state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) => {
      const namespace = ['memories', String(config.configurable?.userId)];
      const last = String(state.messages.at(-1)?.content ?? '');
      const found = await config.store!.search(namespace, { query: last, limit: 3 });
      const context = new SystemMessage(
        `Known about the user:\n${found.map((item) => `- ${String(item.value.text)}`).join('\n')}`,
      );
      seenByModel.push([context, ...state.messages]);
      const reply = await model.invoke([context, ...state.messages]);
      if (/my favourite/i.test(last))
        await config.store!.put(namespace, `fact-${state.messages.length}`, { text: last });
      return { messages: [new AIMessage(String(reply.content))] };
    };
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', agent)
      .addEdge(START, 'agent')
      .addEdge('agent', END)
      .compile({ store, checkpointer: new MemorySaver() });

    await graph.invoke(
      { messages: [new HumanMessage('My favourite tea is jasmine.')] },
      { configurable: { thread_id: 'thread-1', userId: 'alice' } },
    );
    const result = await graph.invoke(
      { messages: [new HumanMessage('Which tea do I like?')] },
      { configurable: { thread_id: 'thread-2', userId: 'alice' } },
    );

    expect(String(result.messages.at(-1)?.content)).toBe('You like jasmine tea.');
    expect(result.messages).toHaveLength(2); // thread 2 does not see thread 1's messages...
    expect(String(seenByModel[1]![0]!.content)).toContain('My favourite tea is jasmine.'); // ...but the store remembers.
    expect(await store.listNamespaces()).toEqual([['memories', 'alice']]);
  });
});
