import { InvalidInputError } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryServer, recentMemoriesUri } from '../src/index.js';
import { closeConnections, connect, openTestMemory, textOf } from './connect-client.js';

afterEach(closeConnections);

describe('a server confined to a namespace scope', () => {
  it('works in the scope (its default) and below it, and refuses every tool elsewhere with namespace_forbidden', async () => {
    const { call, memory } = await connect({ namespaceScope: 'user:alice' });
    const bob = await memory.remember({ namespace: 'user:bob', text: 'Bob keeps his bank PIN in his wallet.' });

    expect((await call('remember', { text: 'Alice adores jasmine tea.' })).isError).toBeFalsy();
    expect(
      (await call('remember', { namespace: 'user:alice/agent:mika', text: 'Mika met Alice on Monday.' })).isError,
    ).toBeFalsy();
    expect((await memory.stats({ namespace: 'user:alice' })).count).toBe(1);
    expect((await memory.stats({ namespace: 'user:alice/agent:mika' })).count).toBe(1);

    const id = `m:${bob.memory.id}`;
    const attempts: [string, Record<string, unknown>][] = [
      ['remember', { text: 'planted' }],
      ['recall', { query: 'bank PIN' }],
      ['build_context', { query: 'bank PIN' }],
      ['feedback', { traces: [{ id, resonance: 1 }] }],
      ['forget', { ids: [id] }],
      ['drill_down', { id }],
      ['consolidate', {}],
      ['stats', {}],
    ];
    for (const [tool, args] of attempts) {
      for (const namespace of ['user:bob', 'user:alicia', 'user:bob/user:alice']) {
        const result = await call(tool, { ...args, namespace });
        expect(result.isError, `${tool} in ${namespace}`).toBe(true);
        expect(textOf(result)).toMatch(/^namespace_forbidden: /);
        expect(textOf(result)).not.toContain('PIN');
      }
    }
    expect(await memory.get(bob.memory.id)).toMatchObject({
      text: bob.memory.text,
      accessCount: 0,
      utility: bob.memory.utility,
    });
    expect((await memory.stats({ namespace: 'user:bob' })).count).toBe(1);
  });

  it('lists and reads only the recent memories inside the scope', async () => {
    const { client, memory } = await connect({ namespaceScope: 'user:alice' });
    await memory.remember({ namespace: 'user:alice/agent:mika', text: 'Alice is learning the cello.' });
    await memory.remember({ namespace: 'user:bob', text: 'Bob is learning the drums.' });

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      recentMemoriesUri('user:alice'),
      recentMemoriesUri('user:alice/agent:mika'),
    ]);
    await expect(client.readResource({ uri: recentMemoriesUri('user:bob') })).rejects.toThrow(/namespace_forbidden/);
    const inside = await client.readResource({ uri: recentMemoriesUri('user:alice/agent:mika') });
    expect(JSON.stringify(inside.contents)).toContain('cello');
  });

  it('refuses a default namespace outside its scope when created', async () => {
    const memory = await openTestMemory();
    expect(() => createMemoryServer({ memory, namespaceScope: 'user:alice', defaultNamespace: 'user:bob' })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      createMemoryServer({ memory, namespaceScope: 'user:alice', defaultNamespace: 'user:alice/agent:mika' }),
    ).not.toThrow();
    expect(() => createMemoryServer({ memory, namespaceScope: 'user:alice/' })).toThrow(InvalidInputError);
    expect(() => createMemoryServer({ memory, namespaceScope: '   ' })).toThrow(InvalidInputError);
    expect(() => createMemoryServer({ memory, defaultNamespace: 'user:\u0001bob' })).toThrow(InvalidInputError);
    await memory.close();
  });
});
