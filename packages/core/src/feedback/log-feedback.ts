import type { MemoryRecord } from '../records/memory-record.js';
import type { FeedbackLogEntry, FeedbackSignals } from '../store/feedback-log-store.js';
import type { MemoryContext } from '../recall/memory-context.js';

/** One applied trace, as `applyFeedback` planned it. */
export interface LoggedTrace {
  id: string;
  cited: string;
  resonance: number;
  reinforced: boolean;
}

/**
 * The records feedback is about to change, read before its write, when the store keeps a
 * feedback log (nothing is read otherwise).
 */
export async function readBeforeFeedback(
  context: MemoryContext,
  namespace: string,
  ids: readonly string[],
): Promise<Map<string, MemoryRecord>> {
  if (!context.store.feedbackLog || ids.length === 0) return new Map();
  return byId(await context.store.get(ids), namespace);
}

/** Appends what each applied trace changed (read back after the write) to the store's feedback log. */
export async function logFeedback(
  context: MemoryContext,
  namespace: string,
  traces: readonly LoggedTrace[],
  before: ReadonlyMap<string, MemoryRecord>,
  at: Date,
): Promise<void> {
  const log = context.store.feedbackLog;
  if (!log || traces.length === 0) return;
  const after = byId(await context.store.get(traces.map((trace) => trace.id)), namespace);
  const entries = traces.flatMap((trace): FeedbackLogEntry[] => {
    const old = before.get(trace.id);
    const now = after.get(trace.id);
    return old && now
      ? [
          {
            at,
            memoryId: trace.id,
            cited: trace.cited,
            resonance: trace.resonance,
            reinforced: trace.reinforced,
            before: signalsOf(old),
            after: signalsOf(now),
          },
        ]
      : [];
  });
  await log.append(namespace, entries);
}

function byId(records: readonly MemoryRecord[], namespace: string): Map<string, MemoryRecord> {
  return new Map(records.filter((record) => record.namespace === namespace).map((record) => [record.id, record]));
}

function signalsOf(record: MemoryRecord): FeedbackSignals {
  return { arousal: record.arousal, utility: record.utility, accessCount: record.accessCount };
}
