import { describe, expect, it } from 'vitest';
import { createMemory } from '../memory/create-memory.js';

const NS = 'user:ana';
const START = Date.UTC(2026, 1, 2, 9);
const DAY_MS = 86_400_000;

async function consolidatedMemory() {
  const memory = await createMemory({ path: ':memory:', clock: () => new Date(START + 3 * DAY_MS) });
  const raw = await memory.rememberMany([
    { namespace: NS, text: 'Ana adopted a grey kitten called Miso from the shelter.', createdAt: new Date(START) },
    { namespace: NS, text: 'Miso sleeps on the piano every afternoon.', createdAt: new Date(START + 60_000) },
    {
      namespace: NS,
      text: 'The vet said Miso needs a second vaccination in March.',
      createdAt: new Date(START + 120_000),
    },
  ]);
  // Two days later the episodes are archived behind their session and daily summaries.
  await memory.consolidate({ namespace: NS, now: new Date(START + 2 * DAY_MS) });
  return { memory, rawIds: raw.map((result) => result.memory.id) };
}

describe('buildContext drill-down', () => {
  it('shows the archived raw turn that answers, not the summary that replaced it in recall', async () => {
    const { memory, rawIds } = await consolidatedMemory();
    const context = await memory.buildContext({
      namespace: NS,
      query: 'Miso vaccination',
      budget: { tokens: 400 },
      reinforce: false,
    });
    const shown = context.included.filter((item) => item.mode === 'full');
    expect(
      shown.some(
        (item) =>
          rawIds.includes(item.memory.id) && item.memory.archivedAt !== null && /vaccin/iu.test(item.memory.text),
      ),
    ).toBe(true);
    // A summary enters only for query terms its raw memories did not bring.
    for (const item of context.included.filter((entry) => entry.memory.kind === 'summary'))
      expect(item.mode).not.toBe('aggregate');
    expect(context.tokens).toBeLessThanOrEqual(400);
    await memory.close();
  });

  it('opens a summary it shows when budget is left over, and says so (archived memories left out)', async () => {
    const { memory, rawIds } = await consolidatedMemory();
    const context = await memory.buildContext({
      namespace: NS,
      query: 'Miso vaccination',
      budget: { tokens: 400 },
      reinforce: false,
      filter: { includeArchived: false },
    });
    expect(context.included.some((item) => item.memory.kind === 'summary')).toBe(true);
    expect(context.drillDown).toHaveLength(1);
    const opened = context.drillDown[0]!;
    expect((await memory.get(opened.summaryId))!.kind).toBe('summary');
    expect(opened.memoryIds.length).toBeGreaterThan(0);
    expect(rawIds).toEqual(expect.arrayContaining(opened.memoryIds));
    expect(context.included.map((item) => item.memory.id)).toEqual(expect.arrayContaining(opened.memoryIds));
    expect(context.tokens).toBeLessThanOrEqual(400);
    await memory.close();
  });

  it('stays closed without spare budget or when turned off', async () => {
    const { memory } = await consolidatedMemory();
    const tight = await memory.buildContext({
      namespace: NS,
      query: 'Miso vaccination',
      budget: { tokens: 60 },
      reinforce: false,
      filter: { includeArchived: false },
    });
    expect(tight.tokens).toBeLessThanOrEqual(60);
    expect(tight.included.length).toBeGreaterThan(0);
    expect(tight.drillDown.flatMap((entry) => entry.memoryIds)).toEqual([]);
    const off = await memory.buildContext({
      namespace: NS,
      query: 'Miso vaccination',
      budget: { tokens: 400 },
      reinforce: false,
      drillDown: false,
      filter: { includeArchived: false },
    });
    expect(off.drillDown).toEqual([]);
    expect(off.included.every((item) => item.memory.archivedAt === null)).toBe(true);
    await memory.close();
  });
});
