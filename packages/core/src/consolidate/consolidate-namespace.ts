import type { Embedder } from '../embed/embedder.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import { isWriteConflict } from '../errors/write-conflict-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryGraph, MemoryLink, MemoryStore, StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from '../embed/embed-texts.js';
import { calendarPeriod, CONSOLIDATION_LEVELS, type ConsolidationLevel } from './consolidation-period.js';
import { planMentionLinks } from '../entities/plan-mention-links.js';
import { repairLinks } from './repair-links.js';
import {
  byCreation,
  recordedConsolidation,
  summarizeTask,
  type SummaryTask,
  type SummaryWriting,
} from './summarize-task.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A step of a consolidation run: reading the namespace, writing summaries, archiving, repairing links. */
export type ConsolidationPhase = 'scan' | 'summarize' | 'archive' | 'repair';

/** One progress event: `done` of `total` units of a phase (summaries of one level while summarizing). */
export interface ConsolidationProgress {
  readonly namespace: string;
  readonly phase: ConsolidationPhase;
  /** The level being summarized; null outside the summarize phase. */
  readonly level: ConsolidationLevel | null;
  readonly done: number;
  readonly total: number;
}

/** What a consolidation run changed. */
export interface ConsolidateResult {
  readonly namespace: string;
  /** Summaries written per level (index 0 session .. 3 milestone). */
  readonly created: readonly number[];
  /** Memories archived (they keep their text and leave default recall). */
  readonly archived: number;
  /** Memories whose entity links were rewritten. */
  readonly relinked: number;
}

/** Everything one run needs, resolved by the caller. */
export interface ConsolidationRun extends SummaryWriting {
  readonly embedder: Embedder;
  readonly onProgress?: (progress: ConsolidationProgress) => void;
}

/** Runs started over when a concurrent `forget` changed what a run had read; then the conflict is thrown. */
const MAX_RUNS = 3;

/**
 * The slow path ("sleep") for one namespace. Closed sessions of raw episodes become session
 * summaries (level 0), closed days of sessions daily summaries (1), closed weeks of days weekly
 * summaries (2) and closed months of weeks milestones (3), each linked to its children; children
 * whose retention window has passed are archived; entity links are re-derived and repaired.
 *
 * Crash-safe and idempotent: summary ids are derived from their children, each batch of summaries
 * is written with its child links in one transaction (`insertIfAbsent`), a child with a parent is
 * never grouped again, and archiving or relinking what is already done writes nothing. Summarizer
 * and embedder calls happen between transactions, never inside one.
 */
export async function consolidateNamespace(store: MemoryStore, run: ConsolidationRun): Promise<ConsolidateResult> {
  const graph = store.graph;
  if (!graph)
    throw new CapabilityMissingError(
      'consolidate needs a store with the graph capability (links between summaries and their children); the configured store has none.',
    );
  const tally: Tally = { created: [0, 0, 0, 0], archived: 0, relinked: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      await consolidateOnce(store, graph, run, tally);
      return { namespace: run.namespace, ...tally };
    } catch (error) {
      // A forget changed what this run read: start over from a fresh scan (what was written stays; re-runs are idempotent).
      if (!isWriteConflict(error) || attempt >= MAX_RUNS) throw error;
    }
  }
}

/** What the runs of one `consolidateNamespace` call changed so far. */
interface Tally {
  created: number[];
  archived: number;
  relinked: number;
}

async function consolidateOnce(
  store: MemoryStore,
  graph: MemoryGraph,
  run: ConsolidationRun,
  tally: Tally,
): Promise<void> {
  const { namespace, settings } = run;
  const emit = (phase: ConsolidationPhase, level: ConsolidationLevel | null, done: number, total: number) =>
    run.onProgress?.({ namespace, phase, level, done, total });

  emit('scan', null, 0, 1);
  const records = await listAll(store, namespace);
  const summaryIds = records
    .filter((record) => record.kind === 'summary' && record.level !== null)
    .map((record) => record.id);
  const childLinks = await linksOut(graph, namespace, summaryIds);
  const byId = new Map(records.map((record) => [record.id, record]));
  const parentOf = new Map<string, string>();
  const childrenOf = new Map<string, string[]>();
  for (const link of childLinks) {
    if (!parentOf.has(link.to)) parentOf.set(link.to, link.from);
    const children = childrenOf.get(link.from);
    if (children) children.push(link.to);
    else childrenOf.set(link.from, [link.to]);
  }
  emit('scan', null, 1, 1);

  for (const level of CONSOLIDATION_LEVELS) {
    const pending = [...byId.values()].filter(
      (record) => record.archivedAt === null && !parentOf.has(record.id) && isChildOf(level, record),
    );
    const tasks = level === 0 ? sessionTasks(pending, run) : calendarTasks(level, pending, run);
    emit('summarize', level, 0, tasks.length);
    for (let start = 0; start < tasks.length; start += settings.writeBatch) {
      const batch = tasks.slice(start, start + settings.writeBatch);
      const written = await writeSummaries(graph, batch, run);
      for (const [index, summary] of written.entries()) {
        byId.set(summary.id, summary);
        const ids = batch[index]!.children.map((child) => child.id);
        childrenOf.set(summary.id, ids);
        for (const id of ids) parentOf.set(id, summary.id);
      }
      tally.created[level]! += batch.length;
      emit('summarize', level, start + batch.length, tasks.length);
    }
  }

  const due = [...byId.values()].flatMap((summary) => {
    if (summary.kind !== 'summary' || summary.level === null) return [];
    const retention = settings.retentionDays[summary.level] ?? Number.POSITIVE_INFINITY;
    const end = recordedConsolidation(summary).end;
    if (!Number.isFinite(retention) || end === undefined || run.now.getTime() < end.getTime() + retention * DAY_MS)
      return [];
    return (childrenOf.get(summary.id) ?? []).filter((id) => byId.get(id)?.archivedAt === null);
  });
  const archiveIds = [...new Set(due)];
  emit('archive', null, 0, archiveIds.length);
  for (let start = 0; start < archiveIds.length; start += 1000) {
    const ids = archiveIds.slice(start, start + 1000);
    await graph.write(namespace, { archive: { ids, at: run.now } });
    tally.archived += ids.length;
    for (const id of ids) byId.set(id, { ...byId.get(id)!, archivedAt: run.now });
    emit('archive', null, start + ids.length, archiveIds.length);
  }

  const all = [...byId.values()];
  emit('repair', null, 0, all.length);
  tally.relinked += await repairLinks(graph, namespace, all, (done, total) => emit('repair', null, done, total));
}

/** Whether a record is summarized at `level`: raw episodes at 0, summaries of the level below above. */
function isChildOf(level: ConsolidationLevel, record: MemoryRecord): boolean {
  if (level === 0) return record.kind === 'episode' && record.level === null;
  return record.kind === 'summary' && record.level === level - 1;
}

/** Closed sessions: runs of episodes no further apart than the gap, within one day, ended more than a gap ago. */
function sessionTasks(pending: readonly MemoryRecord[], run: ConsolidationRun): SummaryTask[] {
  const gapMs = run.settings.sessionGapMinutes * MINUTE_MS;
  const sorted = [...pending].sort(byCreation);
  const sessions: MemoryRecord[][] = [];
  for (const record of sorted) {
    const current = sessions.at(-1);
    const last = current?.at(-1);
    const sameDay =
      last &&
      calendarPeriod(1, last.createdAt, run.settings.utcOffsetMinutes).key ===
        calendarPeriod(1, record.createdAt, run.settings.utcOffsetMinutes).key;
    if (current && last && sameDay && record.createdAt.getTime() - last.createdAt.getTime() <= gapMs)
      current.push(record);
    else sessions.push([record]);
  }
  return sessions
    .filter((session) => run.now.getTime() - session.at(-1)!.createdAt.getTime() > gapMs)
    .map((children) => ({
      level: 0,
      children,
      start: children[0]!.createdAt,
      end: children.at(-1)!.createdAt,
      key: children[0]!.createdAt.toISOString(),
    }));
}

/** Closed calendar periods (day, week, month) of the level below's summaries. */
function calendarTasks(level: 1 | 2 | 3, pending: readonly MemoryRecord[], run: ConsolidationRun): SummaryTask[] {
  const gapMs = run.settings.sessionGapMinutes * MINUTE_MS;
  const groups = new Map<string, SummaryTask & { children: MemoryRecord[] }>();
  for (const record of [...pending].sort(byCreation)) {
    const period = calendarPeriod(level, record.createdAt, run.settings.utcOffsetMinutes);
    const task = groups.get(period.key) ?? {
      level,
      children: [] as MemoryRecord[],
      start: period.start,
      end: period.end,
      key: period.key,
    };
    task.children.push(record);
    groups.set(period.key, task);
  }
  // A period is closed a session gap after it ends (its last session is summarized by then). A month
  // also waits for the week its last day falls in, so a week across two months is not missed.
  const closesAt = (task: SummaryTask) =>
    (level === 3
      ? calendarPeriod(2, new Date(task.end.getTime() - 1), run.settings.utcOffsetMinutes).end.getTime()
      : task.end.getTime()) + gapMs;
  return [...groups.values()].filter((task) => run.now.getTime() >= closesAt(task));
}

/**
 * Summarizes, embeds and writes a batch of summaries with their child and entity links in one
 * transaction. The write expects the children as they were read: if a `forget` deleted or rewrote
 * one meanwhile, nothing is written (`WriteConflictError`) and the run starts over.
 */
async function writeSummaries(
  graph: MemoryGraph,
  tasks: readonly SummaryTask[],
  run: ConsolidationRun,
): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  for (const task of tasks) records.push(await summarizeTask(task, run));
  const vectors = await embedTexts(
    run.embedder,
    records.map((record) => record.text),
  );
  const stored = records.map(
    (record, index): StoredMemory => ({ record, vector: vectors[index]!, terms: tokenizeForSearch(record.text) }),
  );
  const mentions = await planMentionLinks(graph, run.namespace, records);
  const links: MemoryLink[] = tasks.flatMap((task, index) =>
    task.children.map((child): MemoryLink => ({ type: 'child', from: records[index]!.id, to: child.id })),
  );
  const children = tasks.flatMap((task) =>
    task.children.map((child) => ({ id: child.id, text: child.text, summary: child.summary })),
  );
  await graph.write(run.namespace, {
    expect: { memories: children },
    insertIfAbsent: stored,
    entities: mentions.entities,
    link: [...links, ...mentions.links],
  });
  return records;
}

async function listAll(store: MemoryStore, namespace: string): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  let after: string | null = null;
  do {
    const page = await store.list({ namespace, after, limit: 1000, filter: { includeArchived: true } });
    records.push(...page.records);
    after = page.next;
  } while (after !== null);
  return records;
}

async function linksOut(graph: MemoryGraph, namespace: string, ids: readonly string[]): Promise<MemoryLink[]> {
  const links: MemoryLink[] = [];
  for (let start = 0; start < ids.length; start += 500)
    links.push(
      ...(await graph.links(namespace, { ids: ids.slice(start, start + 500), direction: 'out', type: 'child' })),
    );
  return links;
}
