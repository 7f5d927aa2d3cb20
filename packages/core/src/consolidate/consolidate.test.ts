import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, startChild, waitForLine } from '../../test/run-child.js';
import { madeUpWord } from '../../test/made-up-word.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { SummarizerInput } from '../compress/summarizer.js';
import type { ConsolidationProgress } from './consolidate-namespace.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RememberInput } from '../records/remember-input.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Monday 2 February 2026, 09:00 UTC. */
const START = Date.UTC(2026, 1, 2, 9);

/** `days` days from START, `sessions` sessions a day five hours apart, `turns` turns a minute apart. */
function diary(
  days: number,
  sessions: number,
  turns: number,
  patch: (day: number, session: number, turn: number) => Partial<RememberInput> = () => ({}),
): RememberInput[] {
  const inputs: RememberInput[] = [];
  for (let day = 0; day < days; day++) {
    for (let session = 0; session < sessions; session++) {
      for (let turn = 0; turn < turns; turn++) {
        const n = inputs.length;
        inputs.push({
          namespace: NS,
          text: `Ana talked about ${madeUpWord(3 * n)} and ${madeUpWord(3 * n + 1)} with ${madeUpWord(3 * n + 2)}.`,
          createdAt: new Date(START + day * DAY_MS + session * 5 * HOUR_MS + turn * 60_000),
          ...patch(day, session, turn),
        });
      }
    }
  }
  return inputs;
}

async function openMemory(path = ':memory:'): Promise<Memory> {
  let next = 0;
  return createMemory({ path, generateId: () => `m${String(next++).padStart(6, '0')}` });
}

/** Every record (archived too), every link and entity, as plain data to compare runs. */
function snapshot(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      memories: db
        .prepare(
          'SELECT id, kind, level, text, archived_at, created_at, last_accessed_at, metadata FROM memories ORDER BY id',
        )
        .all(),
      links: db.prepare('SELECT * FROM links ORDER BY type, source, target').all(),
      entities: db.prepare('SELECT * FROM entities ORDER BY key').all(),
      seq: db.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get(),
    };
  } finally {
    db.close();
  }
}

async function all(memory: Memory): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  for (const level of [0, 1, 2, 3]) {
    const hits = await memory.recall({
      namespace: NS,
      query: 'Ana talked',
      limit: 1000,
      reinforce: false,
      filter: { kind: ['summary'], includeArchived: true },
    });
    records.push(
      ...hits
        .map((hit) => hit.memory)
        .filter((record) => record.level === level && !records.some((seen) => seen.id === record.id)),
    );
  }
  return records;
}

describe('consolidate', () => {
  it('builds session, daily, weekly and milestone summaries, each linked to its children', async () => {
    const memory = await openMemory();
    // Five weeks (35 days) of two sessions a day: February and the first week of March.
    await memory.rememberMany(diary(35, 2, 3));
    const result = await memory.consolidate({ namespace: NS, now: new Date(START + 70 * DAY_MS) });
    // 70 sessions, 35 days, 5 weeks, milestones for February and March.
    expect(result.created).toEqual([70, 35, 5, 2]);
    const summaries = await all(memory);
    expect(summaries.map((summary) => summary.level).sort()).toEqual(
      [...Array(70).fill(0), ...Array(35).fill(1), ...Array(5).fill(2), ...Array(2).fill(3)].sort(),
    );
    const february = summaries.find((summary) => summary.level === 3 && summary.text.startsWith('[2026-02]'))!;
    const chain = await memory.drillDown({ namespace: NS, id: february.id });
    // Weeks, days, sessions, then the raw episodes.
    expect(chain.depth).toBe(4);
    // The four weeks starting in February: 28 days, 56 sessions, 168 raw episodes, oldest first.
    expect(chain.root.children.map((week) => week.memory.level)).toEqual([2, 2, 2, 2]);
    expect(chain.raw).toHaveLength(168);
    expect(chain.raw.every((record) => record.kind === 'episode' && record.level === null)).toBe(true);
    expect(chain.raw.map((record) => record.createdAt.getTime())).toEqual(
      [...chain.raw.map((record) => record.createdAt.getTime())].sort((a, b) => a - b),
    );
    expect(chain.root.children[0]!.children[0]!.children[0]!.children.map((leaf) => leaf.memory.text)).toEqual(
      diary(1, 1, 3).map((input) => input.text),
    );
    await memory.close();
  });

  it('keeps summaries within the per-level budgets and high-arousal episodes in detail', async () => {
    const memory = await openMemory();
    const vivid = 'Ana fell off her bike and broke her wrist.';
    await memory.rememberMany(
      diary(7, 2, 12, (day, session, turn) =>
        day === 2 && session === 1 && turn === 5 ? { text: vivid, arousal: 0.95 } : { arousal: 0.1 },
      ),
    );
    await memory.consolidate({ namespace: NS, now: new Date(START + 20 * DAY_MS) });
    const summaries = await all(memory);
    const budgets = [600, 350, 150, 150];
    for (const summary of summaries) expect(summary.text.length).toBeLessThanOrEqual(budgets[summary.level!]!);
    const containing = summaries.filter((summary) => summary.text.includes(vivid));
    // The session, its day and its week keep the accident word for word.
    expect(containing.map((summary) => summary.level).sort()).toEqual([0, 1, 2]);
    expect(containing.every((summary) => summary.arousal === 0.95)).toBe(true);
    const calmDay = summaries.find((summary) => summary.level === 1 && summary.text.startsWith('[2026-02-03]'))!;
    expect(calmDay.text).not.toContain(vivid);
    await memory.close();
  });

  it('archives children once their retention window has passed; recall then finds the summary, drill-down the raw memories', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    await memory.rememberMany([
      { namespace: NS, text: 'Ana adopted a grey kitten called Miso.', createdAt: new Date(START) },
      { namespace: NS, text: 'The kitten sleeps on the piano all afternoon.', createdAt: new Date(START + 60_000) },
    ]);
    const raw = (await memory.recall({ namespace: NS, query: 'kitten', reinforce: false })).map((hit) => hit.memory.id);
    expect(raw).toHaveLength(2);
    // Half a day later: the session summary exists, the episodes are still in default recall.
    await memory.consolidate({ namespace: NS, now: new Date(START + 12 * HOUR_MS) });
    let hits = await memory.recall({ namespace: NS, query: 'kitten', reinforce: false });
    expect(hits.filter((hit) => hit.memory.level === null)).toHaveLength(2);
    const session = hits.find((hit) => hit.memory.level === 0)!.memory;
    // Past one day: the episodes are archived (text kept), the session summary stands in for them.
    const archived = await memory.consolidate({ namespace: NS, now: new Date(START + 25 * HOUR_MS) });
    expect(archived.archived).toBe(2);
    hits = await memory.recall({ namespace: NS, query: 'kitten', reinforce: false });
    expect(hits.map((hit) => hit.memory.level)).not.toContain(null);
    expect(hits.map((hit) => hit.memory.id)).toContain(session.id);
    expect((await memory.get(raw[0]!))!.archivedAt).not.toBeNull();
    expect((await memory.get(raw[0]!))!.text).toMatch(/kitten|Miso/);
    const withArchived = await memory.recall({
      namespace: NS,
      query: 'kitten',
      reinforce: false,
      filter: { includeArchived: true },
    });
    expect(withArchived.map((hit) => hit.memory.id)).toEqual(expect.arrayContaining(raw));
    expect((await memory.drillDown({ namespace: NS, id: session.id })).raw.map((record) => record.id).sort()).toEqual(
      [...raw].sort(),
    );
    // After a week the session summary gives way to the daily one; after 30 more days the daily to the weekly.
    await memory.consolidate({ namespace: NS, now: new Date(START + 9 * DAY_MS) });
    expect((await memory.get(session.id))!.archivedAt).not.toBeNull();
    await memory.consolidate({ namespace: NS, now: new Date(START + 60 * DAY_MS) });
    const levels = (await memory.recall({ namespace: NS, query: 'kitten', reinforce: false })).map(
      (hit) => hit.memory.level,
    );
    expect(levels).toEqual(expect.arrayContaining([2, 3]));
    expect(levels).not.toContain(1);
    await memory.close();
  });

  it('changes nothing when run a second time', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    await memory.rememberMany(diary(10, 2, 3));
    await memory.remember({
      namespace: NS,
      text: 'Lunch with [[Bo]] and Kyoto friends.',
      createdAt: new Date(START + 3 * DAY_MS + 2 * HOUR_MS),
    });
    const now = new Date(START + 40 * DAY_MS);
    const first = await memory.consolidate({ namespace: NS, now });
    expect(first.created.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    const before = snapshot(path);
    const second = await memory.consolidate({ namespace: NS, now });
    expect(second).toEqual({ namespace: NS, created: [0, 0, 0, 0], archived: 0, relinked: 0 });
    expect(snapshot(path)).toEqual(before);
    await memory.close();
  });

  it('loses and duplicates nothing when the process is killed mid-run and run again', async () => {
    const directory = tempDirectory();
    const path = join(directory, 'memory.db');
    const controlPath = join(directory, 'control.db');
    const now = new Date(START + 80 * DAY_MS).toISOString();
    const setup = await openMemory(path);
    // 50 days of two sessions of 20 turns (too long to keep whole, so each is summarized): 100
    // session summaries, written 32 per transaction.
    await setup.rememberMany(diary(50, 2, 20));
    await setup.close();
    copyFileSync(path, controlPath);

    const child = startChild('consolidate-slowly.ts', [path, NS, now]);
    // Call 40 belongs to the second batch: the first 32 summaries are committed by then.
    await waitForLine(child, 'summarizing 40');
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');
    const interrupted = snapshot(path) as { memories: { level: number | null }[] };
    const sessionsWritten = interrupted.memories.filter((record) => record.level === 0).length;
    expect(sessionsWritten).toBeGreaterThanOrEqual(32);
    expect(sessionsWritten).toBeLessThan(100);

    const resumed = await openMemory(path);
    const result = await resumed.consolidate({ namespace: NS, now: new Date(now) });
    expect(result.created[0]).toBe(100 - sessionsWritten);
    await resumed.close();
    const control = await openMemory(controlPath);
    await control.consolidate({ namespace: NS, now: new Date(now) });
    await control.close();

    const recovered = snapshot(path) as {
      memories: { id: string; text: string; level: number | null }[];
      links: { type: string; target: string }[];
    };
    const expected = snapshot(controlPath) as typeof recovered;
    const summaries = (shot: typeof recovered) =>
      shot.memories.filter((record) => record.level !== null).map((record) => [record.id, record.level, record.text]);
    expect(summaries(recovered)).toEqual(summaries(expected));
    expect(recovered.links).toEqual(expected.links);
    // Every episode and every summary below the top has exactly one parent.
    const parents = new Map<string, number>();
    for (const link of recovered.links)
      if (link.type === 'child') parents.set(link.target, (parents.get(link.target) ?? 0) + 1);
    expect([...parents.values()].every((count) => count === 1)).toBe(true);
    expect(parents.size).toBe(recovered.memories.filter((record) => record.level === null || record.level < 3).length);
  });

  it('never calls the summarizer inside a write transaction', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    await memory.rememberMany(diary(3, 2, 4));
    const probe = new Database(path, { timeout: 0 });
    const extractive = createExtractiveSummarizer();
    let calls = 0;
    await memory.consolidate({
      namespace: NS,
      now: new Date(START + 40 * DAY_MS),
      summarize: async (input) => {
        calls++;
        // Would throw SQLITE_BUSY if consolidation held the write lock right now.
        probe.exec('BEGIN IMMEDIATE; ROLLBACK');
        return extractive(input);
      },
    });
    probe.close();
    expect(calls).toBeGreaterThan(0);
    await memory.close();
  });

  it('reports progress for every phase and hands the summarizer a token target and names to keep', async () => {
    const memory = await openMemory();
    await memory.rememberMany(
      diary(2, 1, 30, (day, _session, turn) =>
        turn === 0 ? { text: `Ana met [[Bo]] and Chiyo at the Kyoto station on day ${day}.` } : {},
      ),
    );
    const events: ConsolidationProgress[] = [];
    const inputs: SummarizerInput[] = [];
    const result = await memory.consolidate({
      namespace: NS,
      now: new Date(START + 3 * DAY_MS),
      onProgress: (progress) => events.push(progress),
      summarize: async (input) => {
        inputs.push(input);
        return `A summary of ${input.texts.length} memories.`;
      },
    });
    expect(result.created).toEqual([2, 2, 0, 0]);
    expect(events[0]).toEqual({ namespace: NS, phase: 'scan', level: null, done: 0, total: 1 });
    const last = (phase: string, level: number | null = null) =>
      events.filter((event) => event.phase === phase && event.level === level).at(-1)!;
    expect(last('summarize', 0)).toMatchObject({ done: 2, total: 2 });
    expect(last('summarize', 3)).toMatchObject({ done: 0, total: 0 });
    expect(last('archive')).toMatchObject({ done: 60, total: 60 });
    expect(last('repair').done).toBe(last('repair').total);
    expect(inputs[0]!.texts).toHaveLength(30);
    expect(inputs[0]!.targetTokens).toBeGreaterThan(50);
    expect(inputs[0]!.preserve).toEqual(expect.arrayContaining(['Bo', 'Chiyo', 'Kyoto']));
    const sessions = (
      await memory.recall({ namespace: NS, query: 'summary memories', reinforce: false, filter: { kind: ['summary'] } })
    ).map((hit) => hit.memory.text);
    expect(sessions).toContain('[2026-02-03 09:00–09:29] A summary of 30 memories.');
    await memory.close();
  });

  it('repairs links of renamed and merged entities and links written without the graph', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    const [first, second] = await memory.rememberMany([
      { namespace: NS, text: 'Had tea with [[Mel]] at the harbour.', createdAt: new Date(START) },
      { namespace: NS, text: 'Painted the fence with Melanie.', createdAt: new Date(START + DAY_MS) },
    ]);
    const merged = await memory.mergeEntity({ namespace: NS, from: 'Mel', into: 'Melanie' });
    expect(merged).toEqual({ key: 'melanie', mentions: 1 });
    // Backlinks already include the alias; new mentions of the old name link to the new one at once.
    expect(
      (await memory.entityBacklinks({ namespace: NS, name: 'Melanie' })).memories.map((record) => record.id),
    ).toEqual([first!.memory.id, second!.memory.id]);
    const third = await memory.remember({
      namespace: NS,
      text: 'Mel called about the concert.',
      createdAt: new Date(START + 2 * DAY_MS),
    });

    // A memory written behind the graph's back (as a store without the capability would leave it).
    const store = new SqliteStore({ path });
    await store.open({ embedderId: 'resonant-hashed-v1-384', dimensions: 384 });
    const [orphan] = await store.get([first!.memory.id]);
    await store.insert([
      {
        record: {
          ...orphan!,
          id: 'orphan',
          text: 'Sailing with [[Melanie]] and [[Rui]].',
          createdAt: new Date(START + 3 * DAY_MS),
        },
        vector: new Float32Array(384).fill(0.05),
        terms: ['sail'],
      },
    ]);
    const linksOf = async (id: string) =>
      (await store.graph.links(NS, { ids: [id], direction: 'out', type: 'mentions' })).map((link) => link.to);
    expect(await linksOf(first!.memory.id)).toEqual(['mel']);
    expect(await linksOf(third.memory.id)).toEqual(['melanie']);
    expect(await linksOf('orphan')).toEqual([]);

    const result = await memory.consolidate({ namespace: NS, now: new Date(START + 4 * DAY_MS) });
    expect(result.relinked).toBeGreaterThanOrEqual(2);
    expect(await linksOf(first!.memory.id)).toEqual(['melanie']);
    expect(await linksOf('orphan')).toEqual(['melanie', 'rui']);
    expect((await store.graph.entities(NS, ['mel']))[0]).toMatchObject({ mergedInto: 'melanie', mentionCount: 0 });
    const backlinks = await memory.entityBacklinks({ namespace: NS, name: 'Mel', includeArchived: true });
    expect(backlinks).toMatchObject({ key: 'melanie', name: 'Melanie', aliases: ['Mel'] });
    expect(backlinks.memories.map((record) => record.id)).toEqual(
      expect.arrayContaining([first!.memory.id, second!.memory.id, third.memory.id, 'orphan']),
    );
    await store.close();
    await memory.close();
  });

  it('needs the graph capability and validates its options', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const plain = Object.assign(Object.create(Object.getPrototypeOf(store) as object) as SqliteStore, store, {
      graph: undefined,
    });
    const memory = await createMemory({ store: plain });
    await expect(memory.consolidate({ namespace: NS })).rejects.toMatchObject({ code: 'capability_missing' });
    await expect(memory.consolidate({ namespace: NS, budgetChars: [600, 350, 150] } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(memory.drillDown({ namespace: NS, id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await memory.close();
  });
});
