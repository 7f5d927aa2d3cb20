import type { MemoryFilter } from '../memory-store.js';
import { metadataPair } from './memory-payload.js';
import { pointIdFor } from './point-id.js';
import type { QdrantSchemas } from './qdrant-api.js';

type Condition = QdrantSchemas['Condition'];

/** The condition every Qdrant request of a namespace carries: the namespace wall. */
export function namespaceCondition(namespace: string): Condition {
  return { key: 'namespace', match: { value: namespace } };
}

/**
 * A Qdrant filter for one namespace and a memory filter: namespace always, archived memories out
 * unless asked, kinds, exact metadata matches through `metadata_pairs` (keys are data, never paths),
 * creation-time spans and ids.
 */
export function memoryFilter(
  namespace: string,
  filter?: MemoryFilter,
  extra: readonly Condition[] = [],
): QdrantSchemas['Filter'] {
  const must: Condition[] = [namespaceCondition(namespace)];
  if (filter?.includeArchived !== true) must.push({ is_null: { key: 'archived_at' } });
  if (filter?.kinds !== undefined) must.push({ key: 'kind', match: { any: [...filter.kinds] } });
  for (const [key, value] of Object.entries(filter?.metadata ?? {}))
    must.push({ key: 'metadata_pairs', match: { value: metadataPair(key, value) } });
  if (filter?.createdWithin !== undefined) {
    must.push({
      should: filter.createdWithin.map(
        (span): Condition => ({ key: 'created_at', range: { gte: span.from.getTime(), lt: span.to.getTime() } }),
      ),
    });
    // An empty `should` would match everything; no span means no memory.
    if (filter.createdWithin.length === 0) must.push({ has_id: [] });
  }
  if (filter?.ids !== undefined) must.push({ has_id: filter.ids.map(pointIdFor) });
  must.push(...extra);
  return { must };
}
