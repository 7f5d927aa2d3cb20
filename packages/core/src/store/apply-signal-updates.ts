import type { SignalNudge, SignalUpdate } from './memory-store.js';

/** The storage columns (`RecordColumns`) a signal update may change, and nothing else. */
export const SIGNAL_PAYLOAD_FIELDS = [
  'arousal',
  'utility',
  'valence',
  'joy',
  'aversion',
  'trauma',
  'last_accessed_at',
  'access_count',
] as const;

/** The signal columns of one memory. */
export type SignalPayload = Record<(typeof SIGNAL_PAYLOAD_FIELDS)[number], number>;

/**
 * Applies updates to a memory's signals in order, with every store's rules: a nudge moves a
 * share `rate` toward `target`, clamped to [0, 1] ([-1, 1] for valence); a recall sets the last
 * access to the later of the two times and adds one to the access count.
 */
export function applySignalUpdates(current: Readonly<SignalPayload>, updates: readonly SignalUpdate[]): SignalPayload {
  const next = { ...current };
  for (const update of updates) {
    if (update.recalledAt !== undefined) {
      next.last_accessed_at = Math.max(next.last_accessed_at, update.recalledAt.getTime());
      next.access_count += 1;
    }
    next.arousal = nudge(next.arousal, update.arousal, 0);
    next.utility = nudge(next.utility, update.utility, 0);
    next.valence = nudge(next.valence, update.valence, -1);
    next.joy = nudge(next.joy, update.emotion?.joy, 0);
    next.aversion = nudge(next.aversion, update.emotion?.aversion, 0);
    next.trauma = nudge(next.trauma, update.emotion?.trauma, 0);
  }
  return next;
}

function nudge(value: number, change: SignalNudge | undefined, low: number): number {
  return change === undefined ? value : Math.min(1, Math.max(low, value + change.rate * (change.target - value)));
}
