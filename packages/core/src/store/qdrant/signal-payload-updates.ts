import type { SignalNudge, SignalUpdate } from '../memory-store.js';
import type { QdrantSchemas } from './qdrant-api.js';
import { namespaceCondition } from './qdrant-filter.js';

/** The payload fields a signal update may change, and nothing else. */
export const SIGNAL_PAYLOAD_FIELDS = ['arousal', 'utility', 'valence', 'joy', 'aversion', 'trauma', 'last_accessed_at', 'access_count'] as const;

/** The signal fields of one point's payload. */
export type SignalPayload = Record<(typeof SIGNAL_PAYLOAD_FIELDS)[number], number>;

/**
 * Applies updates to a point's signals in order, with the embedded store's rules: a nudge moves a
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

/** One point's signals before and after its updates. */
export interface SignalChange {
  readonly pointId: string;
  readonly before: Readonly<SignalPayload>;
  readonly after: Readonly<SignalPayload>;
}

/**
 * The partial payload writes for a batch of changes, for one `batchUpdate` call: one `set_payload`
 * per point holding only the fields that changed, selected by point id *and* namespace so a write
 * can never land in another namespace. Points whose signals did not change get no operation.
 */
export function signalPayloadOperations(namespace: string, changes: readonly SignalChange[]): QdrantSchemas['UpdateOperation'][] {
  const operations: QdrantSchemas['UpdateOperation'][] = [];
  for (const change of changes) {
    const payload: Record<string, number> = {};
    for (const field of SIGNAL_PAYLOAD_FIELDS) if (change.after[field] !== change.before[field]) payload[field] = change.after[field];
    if (Object.keys(payload).length === 0) continue;
    operations.push({ set_payload: { payload, filter: { must: [namespaceCondition(namespace), { has_id: [change.pointId] }] } } });
  }
  return operations;
}
