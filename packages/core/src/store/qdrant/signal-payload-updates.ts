import { SIGNAL_PAYLOAD_FIELDS, type SignalPayload } from '../apply-signal-updates.js';
import type { QdrantSchemas } from './qdrant-api.js';
import { namespaceCondition } from './qdrant-filter.js';

/** Payload field naming the last signal writes that reached a point (see {@link SignalChange.writes}). */
export const SIGNAL_WRITES_FIELD = 'signal_writes';
/** How many recent write ids a point keeps: more than the outbox replays between two of its writes. */
export const SIGNAL_WRITES_KEPT = 32;

/** One point's signals before and after its updates. */
export interface SignalChange {
  readonly pointId: string;
  readonly before: Readonly<SignalPayload>;
  readonly after: Readonly<SignalPayload>;
  /** The point's recent write ids, this write's last: written with the change, in the same operation. */
  readonly writes?: readonly string[];
}

/**
 * The partial payload writes for a batch of changes, for one `batchUpdate` call: one `set_payload`
 * per point holding only the fields that changed, selected by point id *and* namespace so a write
 * can never land in another namespace. Points whose signals did not change get no operation. The
 * write's id goes in the same operation as the change, so a point holds it exactly when it changed.
 */
export function signalPayloadOperations(
  namespace: string,
  changes: readonly SignalChange[],
): QdrantSchemas['UpdateOperation'][] {
  const operations: QdrantSchemas['UpdateOperation'][] = [];
  for (const change of changes) {
    const payload: Record<string, number | string[]> = {};
    for (const field of SIGNAL_PAYLOAD_FIELDS)
      if (change.after[field] !== change.before[field]) payload[field] = change.after[field];
    if (Object.keys(payload).length === 0) continue;
    if (change.writes) payload[SIGNAL_WRITES_FIELD] = change.writes.slice(-SIGNAL_WRITES_KEPT);
    operations.push({
      set_payload: { payload, filter: { must: [namespaceCondition(namespace), { has_id: [change.pointId] }] } },
    });
  }
  return operations;
}
