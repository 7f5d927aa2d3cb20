import { SIGNAL_PAYLOAD_FIELDS, type SignalPayload } from '../apply-signal-updates.js';
import type { QdrantSchemas } from './qdrant-api.js';
import { namespaceCondition } from './qdrant-filter.js';

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
export function signalPayloadOperations(
  namespace: string,
  changes: readonly SignalChange[],
): QdrantSchemas['UpdateOperation'][] {
  const operations: QdrantSchemas['UpdateOperation'][] = [];
  for (const change of changes) {
    const payload: Record<string, number> = {};
    for (const field of SIGNAL_PAYLOAD_FIELDS)
      if (change.after[field] !== change.before[field]) payload[field] = change.after[field];
    if (Object.keys(payload).length === 0) continue;
    operations.push({
      set_payload: { payload, filter: { must: [namespaceCondition(namespace), { has_id: [change.pointId] }] } },
    });
  }
  return operations;
}
