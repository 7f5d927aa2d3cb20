import { createHash } from 'node:crypto';
import type { Summarizer } from '../compress/summarizer.js';
import type { Embedder } from '../embed/embedder.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryGraph, MemoryLink, MemoryStore, StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import type { TokenCounter } from '../text/token-counter.js';
import { embedTexts } from '../memory/embed-texts.js';
import { composeSummary, type DetailRule } from './compose-summary.js';
import { calendarPeriod, CONSOLIDATION_LEVELS, periodLabel, type ConsolidationLevel } from './consolidation-period.js';
import { planMentionLinks } from './plan-mention-links.js';
import { repairLinks } from './repair-links.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How consolidation groups, budgets and retires memories (see {@link CONSOLIDATION_DEFAULTS}). */
export interface ConsolidationSettings {
  readonly sessionGapMinutes: number;
  readonly retentionDays: readonly number[];
  readonly budgetChars: readonly number[];
  readonly detailArousal: number;
  readonly detailUtility: number;
  readonly detailShare: number;
  readonly crisisThreshold: number;
  readonly utcOffsetMinutes: number;
  readonly writeBatch: number;
}

/** How consolidation groups, budgets and retires memories. Arrays are indexed by level (0 session, 1 day, 2 week, 3 milestone). */
export const CONSOLIDATION_DEFAULTS: Readonly<ConsolidationSettings> = Object.freeze({
  /** Episodes further apart than this start a new session (sessions also end at midnight). @default 30 */
  sessionGapMinutes: 30,
  /**
   * Retention per level, in days: the children of a level-L summary are archived once the summary's
   * period ended this long ago (raw episodes after 1 day, sessions after 7, days after 30; weeks stay).
   * @default [1, 7, 30, Infinity]
   */
  retentionDays: Object.freeze([1, 7, 30, Number.POSITIVE_INFINITY]),
  /** Most characters of a summary per level, its date label included. @default [600, 350, 150, 150] */
  budgetChars: Object.freeze([600, 350, 150, 150]),
  /** Children at or above this arousal stay in detail in their summary. @default 0.6 */
  detailArousal: 0.6,
  /** Children at or above this utility stay in detail in their summary. @default 0.75 */
  detailUtility: 0.75,
  /** Share of a summary's budget that detailed children may fill. @default 0.5 */
  detailShare: 0.5,
  /** Crisis items (`crisis` at or above this) are always kept in detail. @default 0.5 */
  crisisThreshold: 0.5,
  /** Where days begin: minutes east of UTC (540 for Japan). @default 0 */
  utcOffsetMinutes: 0,
  /** Summaries written per transaction (each batch is all or nothing). @default 32 */
  writeBatch: 32,
});

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
export interface ConsolidationRun {
  readonly namespace: string;
  readonly now: Date;
  readonly summarize: Summarizer;
  readonly tokenCounter: TokenCounter;
  readonly embedder: Embedder;
  readonly settings: ConsolidationSettings;
  readonly onProgress?: (progress: ConsolidationProgress) => void;
}

/** A summary to write: its level, its children (oldest first) and the span they cover. */
interface SummaryTask {
  readonly level: ConsolidationLevel;
  readonly children: MemoryRecord[];
  readonly start: Date;
  readonly end: Date;
  readonly key: string;
}

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
  if (!graph) throw new CapabilityMissingError('consolidate needs a store with the graph capability (links between summaries and their children); the configured store has none.');
  const { namespace, settings } = run;
  const emit = (phase: ConsolidationPhase, level: ConsolidationLevel | null, done: number, total: number) => run.onProgress?.({ namespace, phase, level, done, total });

  emit('scan', null, 0, 1);
  const records = await listAll(store, namespace);
  const summaryIds = records.filter((record) => record.kind === 'summary' && record.level !== null).map((record) => record.id);
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

  const created = [0, 0, 0, 0];
  for (const level of CONSOLIDATION_LEVELS) {
    const pending = [...byId.values()].filter((record) => record.archivedAt === null && !parentOf.has(record.id) && isChildOf(level, record));
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
      created[level]! += batch.length;
      emit('summarize', level, start + batch.length, tasks.length);
    }
  }

  const due = [...byId.values()].flatMap((summary) => {
    if (summary.kind !== 'summary' || summary.level === null) return [];
    const retention = settings.retentionDays[summary.level] ?? Number.POSITIVE_INFINITY;
    const end = periodEnd(summary);
    if (!Number.isFinite(retention) || end === null || run.now.getTime() < end.getTime() + retention * DAY_MS) return [];
    return (childrenOf.get(summary.id) ?? []).filter((id) => byId.get(id)?.archivedAt === null);
  });
  const archiveIds = [...new Set(due)];
  emit('archive', null, 0, archiveIds.length);
  for (let start = 0; start < archiveIds.length; start += 1000) {
    const ids = archiveIds.slice(start, start + 1000);
    await graph.write(namespace, { archive: { ids, at: run.now } });
    for (const id of ids) byId.set(id, { ...byId.get(id)!, archivedAt: run.now });
    emit('archive', null, start + ids.length, archiveIds.length);
  }

  const all = [...byId.values()];
  emit('repair', null, 0, all.length);
  const relinked = await repairLinks(graph, namespace, all, (done, total) => emit('repair', null, done, total));
  return { namespace, created, archived: archiveIds.length, relinked };
}

/** Whether a record is summarized at `level`: raw episodes at 0, summaries of the level below above. */
function isChildOf(level: ConsolidationLevel, record: MemoryRecord): boolean {
  if (level === 0) return record.kind === 'episode' && record.level === null;
  return record.kind === 'summary' && record.level === level - 1;
}

/** Closed sessions: runs of episodes no further apart than the gap, within one day, ended more than a gap ago. */
function sessionTasks(pending: readonly MemoryRecord[], run: ConsolidationRun): SummaryTask[] {
  const gapMs = run.settings.sessionGapMinutes * MINUTE_MS;
  const sorted = [...pending].sort(byTime);
  const sessions: MemoryRecord[][] = [];
  for (const record of sorted) {
    const current = sessions.at(-1);
    const last = current?.at(-1);
    const sameDay = last && calendarPeriod(1, last.createdAt, run.settings.utcOffsetMinutes).key === calendarPeriod(1, record.createdAt, run.settings.utcOffsetMinutes).key;
    if (current && last && sameDay && record.createdAt.getTime() - last.createdAt.getTime() <= gapMs) current.push(record);
    else sessions.push([record]);
  }
  return sessions
    .filter((session) => run.now.getTime() - session.at(-1)!.createdAt.getTime() > gapMs)
    .map((children) => ({ level: 0, children, start: children[0]!.createdAt, end: children.at(-1)!.createdAt, key: children[0]!.createdAt.toISOString() }));
}

/** Closed calendar periods (day, week, month) of the level below's summaries. */
function calendarTasks(level: 1 | 2 | 3, pending: readonly MemoryRecord[], run: ConsolidationRun): SummaryTask[] {
  const gapMs = run.settings.sessionGapMinutes * MINUTE_MS;
  const groups = new Map<string, SummaryTask>();
  for (const record of [...pending].sort(byTime)) {
    const period = calendarPeriod(level, record.createdAt, run.settings.utcOffsetMinutes);
    const task = groups.get(period.key) ?? { level, children: [], start: period.start, end: period.end, key: period.key };
    task.children.push(record);
    groups.set(period.key, task);
  }
  // A period is closed a session gap after it ends (its last session is summarized by then). A month
  // also waits for the week its last day falls in, so a week across two months is not missed.
  const closesAt = (task: SummaryTask) =>
    (level === 3 ? calendarPeriod(2, new Date(task.end.getTime() - 1), run.settings.utcOffsetMinutes).end.getTime() : task.end.getTime()) + gapMs;
  return [...groups.values()].filter((task) => run.now.getTime() >= closesAt(task));
}

/** Summarizes, embeds and writes a batch of summaries with their child and entity links in one transaction. */
async function writeSummaries(graph: MemoryGraph, tasks: readonly SummaryTask[], run: ConsolidationRun): Promise<MemoryRecord[]> {
  const { settings } = run;
  const detail: DetailRule = { arousal: settings.detailArousal, utility: settings.detailUtility, share: settings.detailShare, crisisThreshold: settings.crisisThreshold };
  const texts: string[] = [];
  for (const task of tasks) {
    texts.push(
      await composeSummary({
        label: periodLabel(task.level, task.start, task.level === 0 ? task.end : new Date(task.end.getTime() - 1), settings.utcOffsetMinutes),
        children: task.children,
        budgetChars: settings.budgetChars[task.level] ?? settings.budgetChars.at(-1)!,
        detail,
        summarize: run.summarize,
        tokenCounter: run.tokenCounter,
      }),
    );
  }
  const vectors = await embedTexts(run.embedder, texts);
  const stored = tasks.map((task, index): StoredMemory => {
    const record = summaryRecord(run.namespace, task, texts[index]!, run.now);
    return { record, vector: vectors[index]!, terms: tokenizeForSearch(record.text) };
  });
  const mentions = await planMentionLinks(graph, run.namespace, stored.map((memory) => memory.record));
  const links: MemoryLink[] = tasks.flatMap((task, index) => task.children.map((child): MemoryLink => ({ type: 'child', from: stored[index]!.record.id, to: child.id })));
  await graph.write(run.namespace, { insertIfAbsent: stored, entities: mentions.entities, link: [...links, ...mentions.links] });
  return stored.map((memory) => memory.record);
}

/** The summary record of a task: signals drawn from its children, its id from its children's ids. */
function summaryRecord(namespace: string, task: SummaryTask, text: string, now: Date): MemoryRecord {
  const { children } = task;
  const max = (pick: (child: MemoryRecord) => number) => Math.max(...children.map(pick));
  const arousalSum = children.reduce((sum, child) => sum + child.arousal, 0);
  const valence = arousalSum > 0 ? children.reduce((sum, child) => sum + child.valence * child.arousal, 0) / arousalSum : children.reduce((sum, child) => sum + child.valence, 0) / children.length;
  const lastAccessed = max((child) => child.lastAccessedAt.getTime());
  return {
    id: summaryId(namespace, task.level, children.map((child) => child.id)),
    namespace,
    kind: 'summary',
    text,
    summary: null,
    createdAt: children[0]!.createdAt,
    lastAccessedAt: new Date(Math.min(now.getTime(), Math.max(lastAccessed, children[0]!.createdAt.getTime()))),
    accessCount: 0,
    arousal: max((child) => child.arousal),
    valence: Math.max(-1, Math.min(1, valence)),
    utility: max((child) => child.utility),
    emotion: { joy: max((child) => child.emotion.joy), aversion: max((child) => child.emotion.aversion), trauma: max((child) => child.emotion.trauma) },
    crisis: max((child) => child.crisis),
    level: task.level,
    archivedAt: null,
    metadata: { consolidation: { level: task.level, period: task.key, start: task.start.toISOString(), end: task.end.toISOString(), children: children.length } },
  };
}

/** A summary's id: a hash of its namespace, level and children, so a re-run rebuilds the same id. */
export function summaryId(namespace: string, level: number, childIds: readonly string[]): string {
  const digest = createHash('sha256').update(`${namespace}\n${level}\n${[...childIds].sort().join('\n')}`).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let id = 's';
  for (let i = 0; i < 15; i++) id += alphabet[digest[i]! & 31];
  return id;
}

/** When a summary's period ended, from the metadata consolidation wrote; null for summaries written elsewhere. */
function periodEnd(summary: MemoryRecord): Date | null {
  const consolidation = summary.metadata.consolidation;
  if (typeof consolidation !== 'object' || consolidation === null || Array.isArray(consolidation)) return null;
  const end = (consolidation as Record<string, unknown>).end;
  const date = typeof end === 'string' ? new Date(end) : null;
  return date && Number.isFinite(date.getTime()) ? date : null;
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
  for (let start = 0; start < ids.length; start += 500) links.push(...(await graph.links(namespace, { ids: ids.slice(start, start + 500), direction: 'out', type: 'child' })));
  return links;
}

function byTime(a: MemoryRecord, b: MemoryRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
