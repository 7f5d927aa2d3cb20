import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryFilter } from './memory-store.js';

/** True when a record passes a memory filter, as a store would apply it (for code that holds records already). */
export function matchesFilter(record: MemoryRecord, filter: MemoryFilter | undefined): boolean {
  if (record.archivedAt !== null && filter?.includeArchived !== true) return false;
  if (filter?.kinds !== undefined && !filter.kinds.includes(record.kind)) return false;
  for (const [key, expected] of Object.entries(filter?.metadata ?? {})) {
    if (JSON.stringify(record.metadata[key] as JsonValue | undefined) !== JSON.stringify(expected)) return false;
  }
  const createdAt = record.createdAt.getTime();
  if (
    filter?.createdWithin !== undefined &&
    !filter.createdWithin.some((span) => createdAt >= span.from.getTime() && createdAt < span.to.getTime())
  )
    return false;
  if (filter?.ids !== undefined && !filter.ids.includes(record.id)) return false;
  return true;
}
