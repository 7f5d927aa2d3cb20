import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { recentMemoriesUri, RECENT_MEMORIES_LIMIT, RECENT_MEMORIES_URI_TEMPLATE } from '../src/index.js';
import { closeConnections, connect } from './connect-client.js';

afterEach(closeConnections);

function readJson(result: ReadResourceResult): { namespace: string; memories: { id: string; text: string }[] } {
  const first = result.contents[0]!;
  return JSON.parse('text' in first ? first.text : '');
}

describe('recent memories resource', () => {
  it('is a template, listed for the default namespace first, then every namespace that holds memories', async () => {
    const { client, memory } = await connect({ defaultNamespace: 'user:alice/agent:mika' });
    await memory.remember({ namespace: 'user:bob', text: 'bob was here' });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([RECENT_MEMORIES_URI_TEMPLATE]);
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      'resonant://namespaces/user%3Aalice%2Fagent%3Amika/recent',
      'resonant://namespaces/user%3Abob/recent',
    ]);
  });

  it('lists nothing for an empty store without a default namespace', async () => {
    const { client } = await connect();
    expect((await client.listResources()).resources).toEqual([]);
  });

  it('returns the newest memories of that namespace only, newest first, without reinforcing them', async () => {
    const { client, memory } = await connect();
    const namespace = 'user:alice/agent:mika';
    for (let day = 1; day <= RECENT_MEMORIES_LIMIT + 5; day++) {
      await memory.remember({ namespace, text: `diary day ${day}`, createdAt: new Date(Date.UTC(2026, 0, day)) });
    }
    await memory.remember({ namespace: 'user:bob', text: 'bob newest', createdAt: new Date(Date.UTC(2027, 0, 1)) });

    const result = await client.readResource({ uri: recentMemoriesUri(namespace) });
    const body = readJson(result);

    expect(result.contents[0]!.mimeType).toBe('application/json');
    expect(body.namespace).toBe(namespace);
    expect(body.memories).toHaveLength(RECENT_MEMORIES_LIMIT);
    expect(body.memories.slice(0, 2).map((memory) => memory.text)).toEqual(['diary day 25', 'diary day 24']);
    expect(body.memories.some((memory) => memory.text === 'bob newest')).toBe(false);
    expect((await memory.get(body.memories[0]!.id))!.accessCount).toBe(0);
  });

  it('answers a malformed URI or namespace with a protocol error and keeps serving', async () => {
    const { client } = await connect();
    await expect(client.readResource({ uri: 'resonant://namespaces/%E0%A4%A/recent' })).rejects.toThrow(
      /invalid_input/,
    );
    await expect(
      client.readResource({ uri: `resonant://namespaces/${encodeURIComponent('bad\u0001name')}/recent` }),
    ).rejects.toThrow(/invalid_input/);
    expect(readJson(await client.readResource({ uri: recentMemoriesUri('empty') })).memories).toEqual([]);
  });
});
