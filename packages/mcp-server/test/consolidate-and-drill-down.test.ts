import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConnections, connect, textOf, type ConnectedClient } from './connect-client.js';

afterEach(closeConnections);

const EPISODES = [
  'Alice told me about her new job at the bakery on Fifth Street.',
  'We planned a picnic by the river for Saturday afternoon.',
  'Alice practised the opening of the Moonlight Sonata twice.',
  'Her cat Mochi knocked a vase off the shelf and hid under the sofa.',
  'Alice worried about the marathon; her knee still hurts.',
  'We laughed about the terrible movie with the singing robots.',
];

type Consolidated = {
  created: { session: number; day: number; week: number; milestone: number };
  archived: number;
  relinked: number;
};
type Drilled = {
  root: { id: string; kind: string };
  depth: number;
  children: { id: string }[];
  childrenTotal: number;
  raw: { id: string; text: string }[];
  rawTotal: number;
  nextCursor: string | null;
};

/** Three days of episodes a month before the test's fixed "now", two sessions a day. */
async function seedEpisodes(connection: ConnectedClient): Promise<void> {
  const inputs = [];
  for (let day = 0; day < 3; day++) {
    for (let index = 0; index < EPISODES.length; index++) {
      const session = index < 3 ? 9 : 18;
      inputs.push({
        namespace: 'user:alice',
        text: `Day ${day + 1}: ${EPISODES[index]}`,
        createdAt: new Date(Date.UTC(2026, 1, 1 + day, session, index * 5)),
      });
    }
  }
  await connection.memory.rememberMany(inputs);
}

async function consolidate(connection: ConnectedClient, progress: string[] = []): Promise<CallToolResult> {
  return (await connection.client.callTool({ name: 'consolidate', arguments: {} }, undefined, {
    onprogress: (notification) => progress.push(notification.message ?? ''),
  })) as CallToolResult;
}

describe('consolidate and drill_down tools', () => {
  it('consolidates once, reporting progress, and changes nothing when run again', async () => {
    const connection = await connect({ defaultNamespace: 'user:alice' });
    await seedEpisodes(connection);
    const progress: string[] = [];

    const first = await consolidate(connection, progress);
    const again = await consolidate(connection);

    expect(first.isError).toBeFalsy();
    const result = first.structuredContent as Consolidated;
    expect(result.created.session).toBe(6);
    expect(result.created.day).toBe(3);
    expect(result.archived).toBeGreaterThanOrEqual(18);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((message) => message.startsWith('summarize (session)'))).toBe(true);
    expect(again.structuredContent).toMatchObject({
      created: { session: 0, day: 0, week: 0, milestone: 0 },
      archived: 0,
    });
  });

  it('drills from a summary down to its raw memories, page by page, archived ones included', async () => {
    const connection = await connect({ defaultNamespace: 'user:alice' });
    await seedEpisodes(connection);
    await consolidate(connection);
    const summaries = (
      await connection.call('recall', {
        query: 'Alice bakery picnic sonata Mochi marathon movie',
        kinds: ['summary'],
        limit: 50,
        reinforce: false,
      })
    ).structuredContent as { hits: { id: string; level?: number }[] };
    expect(summaries.hits.length).toBeGreaterThan(0);

    const day = (await Promise.all(summaries.hits.map(async (hit) => (await connection.memory.get(hit.id))!))).find(
      (record) => record.level === 1,
    )!;
    const firstPage = (await connection.call('drill_down', { id: `m:${day.id}`, limit: 4 }))
      .structuredContent as Drilled;
    const secondPage = (await connection.call('drill_down', { id: day.id, limit: 4, cursor: firstPage.nextCursor }))
      .structuredContent as Drilled;

    expect(firstPage.root).toMatchObject({ id: day.id, kind: 'summary' });
    expect(firstPage.depth).toBe(2);
    expect(firstPage.childrenTotal).toBe(2);
    expect(firstPage.rawTotal).toBe(6);
    expect(firstPage.raw).toHaveLength(4);
    expect(secondPage.raw).toHaveLength(2);
    expect(secondPage.nextCursor).toBeNull();
    const rawIds = [...firstPage.raw, ...secondPage.raw].map((memory) => memory.id);
    expect(new Set(rawIds).size).toBe(6);
    const raw = await Promise.all(rawIds.map(async (id) => (await connection.memory.get(id))!));
    expect(raw.every((record) => record.level === null && record.archivedAt !== null)).toBe(true);
  });

  it('forgets a raw memory under a summary: the summaries above it are rewritten and drill_down skips it', async () => {
    const connection = await connect({ defaultNamespace: 'user:alice' });
    await seedEpisodes(connection);
    await consolidate(connection);
    // Archived by now: read through core, which can include archived memories.
    const find = (query: string, kind: 'episode' | 'summary') =>
      connection.memory.recall({
        namespace: 'user:alice',
        query,
        limit: 50,
        reinforce: false,
        filter: { kind: [kind], includeArchived: true },
      });
    const sonata = (await find('Day 2 Moonlight Sonata', 'episode'))[0]!.memory;
    expect(sonata.text).toBe(`Day 2: ${EPISODES[2]}`);
    const id = sonata.id;
    const above = async () => (await find('Moonlight Sonata', 'summary')).map((hit) => hit.memory);
    const quoting = (await above()).filter((summary) => summary.text.includes('Day 2: Alice practised'));
    expect(quoting.length).toBeGreaterThan(0);

    const result = await connection.call('forget', { ids: [`m:${id}`] });

    expect(result.structuredContent).toMatchObject({
      forgotten: [id],
      missing: [],
      summariesRemoved: [],
      summariesChecked: true,
    });
    const rewritten = (result.structuredContent as { summariesRewritten: string[] }).summariesRewritten;
    expect(rewritten).toEqual(expect.arrayContaining(quoting.map((summary) => summary.id)));
    expect(textOf(result)).toContain(`Summaries above them: ${rewritten.length} rewritten, 0 removed.`);
    expect((await above()).filter((summary) => summary.text.includes('Day 2: Alice practised'))).toEqual([]);
    const day = (await Promise.all(rewritten.map(async (summaryId) => (await connection.memory.get(summaryId))!))).find(
      (record) => record.level === 1,
    )!;
    const drilled = (await connection.call('drill_down', { id: day.id, limit: 10 })).structuredContent as Drilled;
    expect(drilled.rawTotal).toBe(5);
    expect(drilled.raw.map((memory) => memory.id)).not.toContain(id);
  });

  it('opens a raw memory as a leaf, and reports an unknown id as not_found', async () => {
    const connection = await connect({ defaultNamespace: 'user:alice' });
    const id = (
      (await connection.call('remember', { text: 'A single raw memory.' })).structuredContent as { id: string }
    ).id;

    const leaf = (await connection.call('drill_down', { id })).structuredContent as Drilled;
    const missing = await connection.call('drill_down', { id: 'nosuchmemory' });
    const elsewhere = await connection.call('drill_down', { namespace: 'user:bob', id });

    expect(leaf).toMatchObject({ depth: 0, children: [], raw: [], rawTotal: 0, nextCursor: null });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^not_found: /);
    expect(textOf(elsewhere)).toMatch(/^not_found: /);
  });
});
