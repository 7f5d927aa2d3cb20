import { createHash } from 'node:crypto';
import type { Summarizer } from '../compress/summarizer.js';
import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { TokenCounter } from '../text/token-counter.js';
import { composeSummary } from './compose-summary.js';
import { periodLabel, type ConsolidationLevel } from './consolidation-period.js';
import type { ConsolidationSettings } from './consolidation-settings.js';

/** A summary to write: its level, its children (oldest first) and the span they cover. */
export interface SummaryTask {
  readonly level: ConsolidationLevel;
  readonly children: readonly MemoryRecord[];
  readonly start: Date;
  /** The last child's creation (sessions) or the period's exclusive end (days, weeks, months). */
  readonly end: Date;
  /** The period's stable name; a session's is its first child's creation time. */
  readonly key: string;
}

/** What writing a summary needs besides its task. */
export interface SummaryWriting {
  readonly namespace: string;
  readonly now: Date;
  readonly summarize: Summarizer;
  readonly tokenCounter: TokenCounter;
  readonly settings: ConsolidationSettings;
}

/**
 * The summary record of a task (no vector yet): its text composed from the children by
 * `composeSummary` under the level's budget, after the period label; its signals drawn from its
 * children; its id from its children's ids. Consolidation writes summaries with it, and `forget`
 * rewrites them with it, so both follow one rule.
 */
export async function summarizeTask(task: SummaryTask, writing: SummaryWriting): Promise<MemoryRecord> {
  const { settings } = writing;
  const budgetChars = settings.budgetChars[task.level] ?? settings.budgetChars.at(-1)!;
  const text = await composeSummary({
    label: periodLabel(
      task.level,
      task.start,
      task.level === 0 ? task.end : new Date(task.end.getTime() - 1),
      settings.utcOffsetMinutes,
    ),
    children: task.children,
    budgetChars,
    detail: {
      arousal: settings.detailArousal,
      utility: settings.detailUtility,
      share: settings.detailShare,
      crisisThreshold: settings.crisisThreshold,
    },
    summarize: writing.summarize,
    tokenCounter: writing.tokenCounter,
  });
  const { children } = task;
  const max = (pick: (child: MemoryRecord) => number) => Math.max(...children.map(pick));
  const arousalSum = children.reduce((sum, child) => sum + child.arousal, 0);
  const valence =
    arousalSum > 0
      ? children.reduce((sum, child) => sum + child.valence * child.arousal, 0) / arousalSum
      : children.reduce((sum, child) => sum + child.valence, 0) / children.length;
  const lastAccessed = max((child) => child.lastAccessedAt.getTime());
  return {
    id: summaryId(
      writing.namespace,
      task.level,
      children.map((child) => child.id),
    ),
    namespace: writing.namespace,
    kind: 'summary',
    text,
    summary: null,
    createdAt: children[0]!.createdAt,
    lastAccessedAt: new Date(Math.min(writing.now.getTime(), Math.max(lastAccessed, children[0]!.createdAt.getTime()))),
    accessCount: 0,
    arousal: max((child) => child.arousal),
    valence: Math.max(-1, Math.min(1, valence)),
    utility: max((child) => child.utility),
    emotion: {
      joy: max((child) => child.emotion.joy),
      aversion: max((child) => child.emotion.aversion),
      trauma: max((child) => child.emotion.trauma),
    },
    crisis: max((child) => child.crisis),
    level: task.level,
    archivedAt: null,
    metadata: {
      consolidation: {
        level: task.level,
        period: task.key,
        start: task.start.toISOString(),
        end: task.end.toISOString(),
        children: children.length,
        // How the text was written, so that forget can rewrite it by the same rule.
        budgetChars,
        utcOffsetMinutes: settings.utcOffsetMinutes,
      },
    },
  };
}

/** What a summary's `metadata.consolidation` records, each field absent when missing or malformed (summaries written elsewhere or before it was recorded). */
export interface RecordedConsolidation {
  /** The period's key (see {@link SummaryTask}). */
  readonly period?: string;
  readonly start?: Date;
  readonly end?: Date;
  /** The character budget its text was written under. */
  readonly budgetChars?: number;
  /** The day start its label was written with, in minutes east of UTC. */
  readonly utcOffsetMinutes?: number;
}

/** Reads what consolidation recorded in a summary's metadata. */
export function recordedConsolidation(summary: MemoryRecord): RecordedConsolidation {
  const value = summary.metadata.consolidation;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const date = (field: JsonValue | undefined) =>
    typeof field === 'string' && Number.isFinite(Date.parse(field)) ? new Date(field) : undefined;
  const integer = (field: JsonValue | undefined) =>
    typeof field === 'number' && Number.isInteger(field) ? field : undefined;
  return {
    period: typeof value.period === 'string' ? value.period : undefined,
    start: date(value.start),
    end: date(value.end),
    budgetChars: integer(value.budgetChars),
    utcOffsetMinutes: integer(value.utcOffsetMinutes),
  };
}

/** The order of a task's children: oldest first, ties by id. */
export function byCreation(a: MemoryRecord, b: MemoryRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A summary's id: a hash of its namespace, level and children, so a re-run rebuilds the same id. */
export function summaryId(namespace: string, level: number, childIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update(`${namespace}\n${level}\n${[...childIds].sort().join('\n')}`)
    .digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let id = 's';
  for (let i = 0; i < 15; i++) id += alphabet[digest[i]! & 31];
  return id;
}
