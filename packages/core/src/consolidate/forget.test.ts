import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, startChild, waitForLine } from '../../test/run-child.js';
import { madeUpWord } from '../../test/made-up-word.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { RememberInput } from '../records/remember-input.js';
import type { MemoryStore } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Monday 2 February 2026, 09:00 UTC. */
const START = Date.UTC(2026, 1, 2, 9);
/** Long enough after START for every level up to February's milestone, with raw memories, sessions and days archived. */
const LATER = new Date(START + 40 * DAY_MS);
const SECRET = '[[Zephyrine]] hid the tangerine walrus.';
/** Words of the secret that no other memory uses, as written and as the search index stems them. */
const SECRET_WORDS = ['zephyrine', 'zephyrin', 'tangerine', 'tangerin', 'walrus'];

/** `days` days from START, two sessions a day five hours apart, `turns` turns a minute apart; each session opens with [[Bo]]. */
function diary(days: number, turns: number): RememberInput[] {
  const inputs: RememberInput[] = [];
  for (let day = 0; day < days; day++) {
    for (let session = 0; session < 2; session++) {
      for (let turn = 0; turn < turns; turn++) {
        const n = inputs.length;
        inputs.push({
          namespace: NS,
          text: `Ana talked about ${madeUpWord(3 * n)} and ${madeUpWord(3 * n + 1)}${turn === 0 ? ' with [[Bo]]' : ''}.`,
          createdAt: new Date(START + day * DAY_MS + session * 5 * HOUR_MS + turn * 60_000),
          arousal: 0.1,
        });
      }
    }
  }
  return inputs;
}

async function openMemory(location: string | MemoryStore): Promise<Memory> {
  let next = 0;
  const where = typeof location === 'string' ? { path: location } : { store: location };
  return createMemory({ ...where, generateId: () => `m${String(next++).padStart(6, '0')}`, clock: () => LATER });
}

/** Every row of the file that can hold text: memories (all columns that carry text), links, entities. */
function rows(path: string): {
  memories: Record<string, unknown>[];
  links: Record<string, unknown>[];
  entities: Record<string, unknown>[];
  seq: unknown;
} {
  const db = new Database(path, { readonly: true });
  try {
    return {
      memories: db
        .prepare(
          'SELECT id, kind, level, text, summary, metadata, terms, archived_at, created_at FROM memories ORDER BY id',
        )
        .all() as Record<string, unknown>[],
      links: db.prepare('SELECT type, source, target FROM links ORDER BY type, source, target').all() as Record<
        string,
        unknown
      >[],
      entities: db.prepare('SELECT key, name, merged_into FROM entities ORDER BY key').all() as Record<
        string,
        unknown
      >[],
      seq: db.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get(),
    };
  } finally {
    db.close();
  }
}

/** The summaries above a memory, nearest first, read from the links table. */
function ancestors(path: string, id: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const parentOf = db.prepare("SELECT source FROM links WHERE type = 'child' AND target = ?").pluck();
    const chain: string[] = [];
    for (
      let current = parentOf.get(id) as string | undefined;
      current !== undefined;
      current = parentOf.get(current) as string | undefined
    )
      chain.push(current);
    return chain;
  } finally {
    db.close();
  }
}

/** Whether any of the words occurs (case aside) in a JSON rendering of the value. */
function mentionsAny(value: unknown, words: readonly string[]): boolean {
  const text = JSON.stringify(value).toLowerCase();
  return words.some((found) => text.includes(found.toLowerCase()));
}

/** Two diary days consolidated into sessions, days and a week; `monday` holds the first day's six memory ids. */
async function consolidatedTwoDays(): Promise<{ path: string; memory: Memory; monday: string[] }> {
  const path = join(tempDirectory(), 'memory.db');
  const memory = await openMemory(path);
  const monday = (await memory.rememberMany(diary(2, 3))).slice(0, 6).map((result) => result.memory.id);
  await memory.consolidate({ namespace: NS, now: new Date(START + 10 * DAY_MS) });
  return { path, memory, monday };
}

describe('forget through consolidation summaries', () => {
  it('rewrites every summary above a forgotten memory so that none keeps its words, anywhere in the file', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    const inputs = diary(3, 4);
    // Tuesday afternoon, vivid: kept word for word by the session, the day, the week and the month.
    inputs[4 * 2 + 4 + 2] = { ...inputs[4 * 2 + 4 + 2]!, text: SECRET, arousal: 0.95 };
    const written = await memory.rememberMany(inputs);
    const secret = written[4 * 2 + 4 + 2]!.memory.id;
    await memory.consolidate({ namespace: NS, now: LATER });

    const chain = ancestors(path, secret);
    expect(chain).toHaveLength(4);
    const before = rows(path);
    const quoting = before.memories.filter(
      (row) => chain.includes(row.id as string) && String(row.text).includes('tangerine walrus'),
    );
    expect(quoting.map((row) => row.level).sort()).toEqual([0, 1, 2, 3]);
    expect((await memory.get(secret))!.archivedAt).not.toBeNull();
    const top = chain.at(-1)!;
    const rawBefore = (await memory.drillDown({ namespace: NS, id: top })).raw;

    const result = await memory.forget({ namespace: NS, ids: [secret] });
    expect(result.forgotten).toEqual([secret]);
    expect([...result.summariesRewritten].sort()).toEqual([...chain].sort());
    expect(result.summariesRemoved).toEqual([]);
    expect(result.summariesChecked).toBe(true);

    const after = rows(path);
    expect(after.memories.map((row) => row.id)).toEqual(
      before.memories.map((row) => row.id).filter((id) => id !== secret),
    );
    // Text, stored summary, metadata and search terms of every memory; links; entities.
    expect(after.memories.filter((row) => mentionsAny(row, SECRET_WORDS))).toEqual([]);
    expect(
      after.links.filter((link) => link.source === secret || link.target === secret || mentionsAny(link, SECRET_WORDS)),
    ).toEqual([]);
    expect(after.entities.filter((entity) => mentionsAny(entity, SECRET_WORDS))).toEqual([]);
    // The rest of each summary survives: the same ids, levels and labels, one child fewer in the session.
    for (const id of chain) {
      const [old, now] = [before, after].map((shot) => shot.memories.find((row) => row.id === id)!);
      expect(now!.level).toBe(old!.level);
      const label = (text: unknown) => String(text).slice(0, String(text).indexOf(']') + 1);
      expect(label(now!.text)).toBe(label(old!.text));
    }
    const session = (await memory.get(chain[0]!))!;
    expect(session.metadata.consolidation).toMatchObject({ children: 3 });
    expect(session.text).toContain('Ana talked about');

    // Search, context and drill-down no longer reach it.
    const hits = await memory.recall({
      namespace: NS,
      query: 'tangerine walrus Zephyrine',
      reinforce: false,
      filter: { includeArchived: true },
    });
    expect(hits.filter((hit) => mentionsAny(hit.memory.text, SECRET_WORDS))).toEqual([]);
    const context = await memory.buildContext({
      namespace: NS,
      query: 'Who hid the tangerine walrus?',
      budget: { tokens: 2000 },
    });
    expect(mentionsAny(context.text, SECRET_WORDS)).toBe(false);
    const drilled = await memory.drillDown({ namespace: NS, id: top });
    expect(drilled.depth).toBe(4);
    expect(drilled.raw.map((record) => record.id)).toEqual(
      rawBefore.map((record) => record.id).filter((id) => id !== secret),
    );

    // Backlinks: the entity only the secret named is gone; shared ones no longer list it.
    expect(await memory.entityBacklinks({ namespace: NS, name: 'Zephyrine', includeArchived: true })).toEqual({
      key: null,
      name: null,
      aliases: [],
      memories: [],
    });
    const bo = await memory.entityBacklinks({ namespace: NS, name: 'Bo', includeArchived: true });
    expect(bo.memories.length).toBeGreaterThan(0);
    expect(bo.memories.map((record) => record.id)).not.toContain(secret);

    // A second forget of the same id changes nothing at all.
    expect(await memory.forget({ namespace: NS, ids: [secret] })).toEqual({
      forgotten: [],
      summariesRewritten: [],
      summariesRemoved: [],
      summariesChecked: true,
    });
    expect(rows(path)).toEqual(after);
    // So does a run of consolidation: the rewritten chain is complete.
    expect(await memory.consolidate({ namespace: NS, now: LATER })).toMatchObject({
      created: [0, 0, 0, 0],
      archived: 0,
    });
    await memory.close();
  });

  it('deletes summaries left with no children, up the chain, and keeps drill-down whole', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    // Monday and Tuesday, two sessions of three turns each.
    const written = await memory.rememberMany(diary(2, 3));
    await memory.consolidate({ namespace: NS, now: new Date(START + 10 * DAY_MS) });
    const monday = written.slice(0, 6).map((result) => result.memory.id);
    const tuesday = written.slice(6).map((result) => result.memory.id);
    const [mondayMorning, mondayDay, week] = ancestors(path, monday[0]!);
    const mondayAfternoon = ancestors(path, monday[3]!)[0]!;
    expect(ancestors(path, tuesday[0]!).at(-1)).toBe(week);

    // One session's turns: that session goes, the day is rewritten from the other one.
    const morning = await memory.forget({ namespace: NS, ids: monday.slice(0, 3) });
    expect(morning.summariesRemoved).toEqual([mondayMorning]);
    expect([...morning.summariesRewritten].sort()).toEqual([mondayDay, week].sort());
    expect(await memory.get(mondayMorning!)).toBeNull();

    // The rest of Monday: its afternoon session and the day itself go; the week keeps Tuesday.
    const rest = await memory.forget({ namespace: NS, ids: monday.slice(3) });
    expect([...rest.summariesRemoved].sort()).toEqual([mondayAfternoon, mondayDay].sort());
    expect(rest.summariesRewritten).toEqual([week]);
    const drilled = await memory.drillDown({ namespace: NS, id: week! });
    expect(drilled.depth).toBe(3);
    expect(drilled.raw.map((record) => record.id)).toEqual(tuesday);
    expect((await memory.get(week!))!.text.startsWith('[week of 2026-02-02]')).toBe(true);
    expect((await memory.get(week!))!.metadata.consolidation).toMatchObject({ children: 1 });
    const mondayWords = diary(1, 3).flatMap((input) =>
      input.text.split(/\W+/u).filter((token) => token.length > 5 && !token.startsWith('talked')),
    );
    expect(rows(path).memories.filter((row) => mentionsAny(row, mondayWords))).toEqual([]);

    // Tuesday too: nothing is left, not even an entity.
    const last = await memory.forget({ namespace: NS, ids: tuesday });
    expect(last.summariesRemoved).toHaveLength(2 + 1 + 1);
    expect(last.summariesRemoved).toContain(week);
    expect(rows(path)).toMatchObject({ memories: [], links: [], entities: [] });
    await memory.close();
  });

  it('forgets a summary named by id: the summaries above it are rewritten, what it summarized stays', async () => {
    const { path, memory, monday } = await consolidatedTwoDays();
    const [morning, day, week] = ancestors(path, monday[0]!);

    const result = await memory.forget({ namespace: NS, ids: [morning!] });

    expect(result).toMatchObject({ forgotten: [morning], summariesRemoved: [] });
    expect([...result.summariesRewritten].sort()).toEqual([day, week].sort());
    expect(ancestors(path, monday[0]!)).toEqual([]);
    expect((await memory.get(monday[0]!))!.text).toBe(diary(1, 3)[0]!.text);
    expect((await memory.drillDown({ namespace: NS, id: day! })).raw.map((record) => record.id)).toEqual(
      monday.slice(3),
    );
    await memory.close();
  });

  it('keeps what feedback taught a rewritten summary', async () => {
    const { path, memory, monday } = await consolidatedTwoDays();
    const [, day] = ancestors(path, monday[0]!);
    for (let round = 0; round < 3; round++)
      await memory.applyFeedback({ namespace: NS, tags: [{ type: 'memory_trace', id: day!, resonance: 1 }] });
    const taught = (await memory.get(day!))!.utility;
    expect(taught).toBeGreaterThan(0.6);

    const result = await memory.forget({ namespace: NS, ids: [monday[0]!] });

    expect(result.summariesRewritten).toContain(day);
    expect((await memory.get(day!))!.utility).toBe(taught);
    await memory.close();
  });

  it('forgets Japanese text and keeps the labels of the day the summaries were written for', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    const at = (minutes: number) => new Date(Date.UTC(2026, 1, 2, 1) + minutes * 60_000); // 10:00 in Japan
    const written = await memory.rememberMany([
      { namespace: NS, text: '今日は京都で抹茶を飲んだ。', createdAt: at(0), arousal: 0.2 },
      { namespace: NS, text: '田中さんに借金が三百万円あると打ち明けた。', createdAt: at(2), arousal: 0.9 },
      { namespace: NS, text: '夜は鴨川沿いを散歩した。', createdAt: at(4), arousal: 0.2 },
      { namespace: NS, text: '翌日は大阪でたこ焼きを食べた。', createdAt: at(24 * 60), arousal: 0.2 },
    ]);
    const secret = written[1]!.memory.id;
    await memory.consolidate({ namespace: NS, now: LATER, utcOffsetMinutes: 540 });
    const chain = ancestors(path, secret);
    expect(chain).toHaveLength(4);
    const labels = new Map(chain.map((id) => [id, rows(path).memories.find((row) => row.id === id)!.text as string]));
    expect(labels.get(chain[1]!)!.startsWith('[2026-02-02]')).toBe(true);
    expect([...labels.values()].some((text) => text.includes('借金'))).toBe(true);
    expect((await memory.entityBacklinks({ namespace: NS, name: '田中' })).key).not.toBeNull();

    const result = await memory.forget({ namespace: NS, ids: [secret] });
    expect([...result.summariesRewritten].sort()).toEqual([...chain].sort());
    expect(rows(path).memories.filter((row) => mentionsAny(row, ['借金', '三百万', '田中', '打ち明け']))).toEqual([]);
    expect(rows(path).entities.filter((entity) => mentionsAny(entity, ['田中']))).toEqual([]);
    const session = (await memory.get(chain[0]!))!;
    // The session's span is its remaining turns, in Japanese time: 10:00 to 10:04.
    expect(session.text).toMatch(/^\[2026-02-02 10:00–10:04\] /u);
    expect(session.text).toContain('抹茶');
    expect((await memory.get(chain[1]!))!.text.startsWith('[2026-02-02]')).toBe(true);
    await memory.close();
  });

  it('calls the summarizer outside any transaction and starts over when another writer changes the chain meanwhile', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    // Long sessions, so each session summary goes through the summarizer.
    const inputs = diary(2, 30);
    inputs[5] = { ...inputs[5]!, text: SECRET, arousal: 0.95 };
    const written = await memory.rememberMany(inputs);
    const secret = written[5]!.memory.id;
    // February's milestone is not closed yet: the week is the top of the chain.
    await memory.consolidate({ namespace: NS, now: new Date(START + 10 * DAY_MS) });
    const chain = ancestors(path, secret);
    expect(chain).toHaveLength(3);
    const week = (await memory.get(chain[2]!))!;

    // A second process: the probe takes the write lock; the other store adds a parent above the week.
    const probe = new Database(path, { timeout: 0 });
    const other = new SqliteStore({ path });
    await other.open({ embedderId: 'resonant-hashed-v1-384', dimensions: 384 });
    const milestone = {
      ...week,
      id: 'late-milestone',
      level: 3,
      text: `[2026-02] ${week.text.slice(week.text.indexOf(']') + 2)}`,
      metadata: {},
    };
    const extractive = createExtractiveSummarizer();
    let calls = 0;
    const result = await memory.forget({
      namespace: NS,
      ids: [secret],
      summarize: async (input) => {
        calls++;
        // Would throw SQLITE_BUSY if forget held the write lock right now.
        probe.exec('BEGIN IMMEDIATE; ROLLBACK');
        if (calls === 1) {
          await other.graph.write(NS, {
            insert: [{ record: milestone, vector: new Float32Array(384).fill(0.05), terms: ['tangerin'] }],
            link: [{ type: 'child', from: milestone.id, to: week.id }],
          });
        }
        return extractive(input);
      },
    });
    probe.close();
    await other.close();
    expect(calls).toBeGreaterThan(1);
    expect([...result.summariesRewritten].sort()).toEqual([...chain, milestone.id].sort());
    expect(mentionsAny((await memory.get(milestone.id))!, SECRET_WORDS)).toBe(false);
    expect(rows(path).memories.filter((row) => mentionsAny(row, SECRET_WORDS))).toEqual([]);
    await memory.close();
  });

  it('makes a consolidation that read a memory before it was forgotten start over, so no new summary quotes it', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await openMemory(path);
    const inputs = diary(2, 30);
    // Not vivid: the summarizer sees it among the texts it condenses.
    inputs[40] = { ...inputs[40]!, text: SECRET };
    const written = await memory.rememberMany(inputs);
    const secret = written[40]!.memory.id;
    const extractive = createExtractiveSummarizer();
    let forgotten = false;
    const result = await memory.consolidate({
      namespace: NS,
      now: new Date(START + 10 * DAY_MS),
      summarize: async (input) => {
        // The user says "forget that" while sleep is summarizing the very session it is in.
        if (!forgotten && input.texts.includes(SECRET)) {
          forgotten = true;
          expect((await memory.forget({ namespace: NS, ids: [secret] })).forgotten).toEqual([secret]);
        }
        return extractive(input);
      },
    });
    expect(forgotten).toBe(true);
    expect(result.created).toEqual([4, 2, 1, 0]);
    expect(rows(path).memories.filter((row) => mentionsAny(row, SECRET_WORDS))).toEqual([]);
    expect(rows(path).links.filter((link) => link.target === secret || link.source === secret)).toEqual([]);
    await memory.close();
  });

  it('changes nothing when the process is killed while it rewrites, and finishes when run again', async () => {
    const directory = tempDirectory();
    const path = join(directory, 'memory.db');
    const setup = await openMemory(path);
    const inputs = diary(2, 30);
    inputs[5] = { ...inputs[5]!, text: SECRET, arousal: 0.95 };
    const secret = (await setup.rememberMany(inputs))[5]!.memory.id;
    await setup.consolidate({ namespace: NS, now: new Date(START + 10 * DAY_MS) });
    await setup.close();
    const before = rows(path);

    const child = startChild('forget-slowly.ts', [path, NS, secret]);
    await waitForLine(child, 'summarizing 1');
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');
    expect(rows(path)).toEqual(before);

    const resumed = await openMemory(path);
    const result = await resumed.forget({ namespace: NS, ids: [secret] });
    expect(result.forgotten).toEqual([secret]);
    expect(result.summariesRewritten).toHaveLength(3);
    expect(rows(path).memories.filter((row) => mentionsAny(row, SECRET_WORDS))).toEqual([]);
    await resumed.close();
  });

  it('deletes only the memories on a store without the graph capability, and says so', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const sqlite = new SqliteStore({ path });
    const plain = Object.assign(Object.create(Object.getPrototypeOf(sqlite) as object) as SqliteStore, sqlite, {
      graph: undefined,
    });
    const memory = await openMemory(plain);
    const [kept, gone] = await memory.rememberMany([
      { namespace: NS, text: 'Ana likes green tea.' },
      { namespace: NS, text: SECRET },
    ]);
    const result = await memory.forget({ namespace: NS, ids: [gone!.memory.id, 'missing'] });
    expect(result).toEqual({
      forgotten: [gone!.memory.id],
      summariesRewritten: [],
      summariesRemoved: [],
      summariesChecked: false,
    });
    expect((await memory.get(kept!.memory.id))!.text).toBe('Ana likes green tea.');
    expect(await memory.get(gone!.memory.id)).toBeNull();
    await expect(memory.forget({ namespace: NS, ids: 'x' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await memory.close();
  });
});
