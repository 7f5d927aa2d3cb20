import type { MemoryFilter } from '../memory-store.js';
import { metadataPair } from './memory-payload.js';
import type { QdrantSchemas } from './qdrant-api.js';

type Condition = QdrantSchemas['Condition'];

/** The condition every Qdrant request of a namespace carries: the namespace wall. */
export function namespaceCondition(namespace: string): Condition {
  return { key: 'namespace', match: { value: namespace } };
}

/**
 * A Qdrant filter for one namespace and a memory filter: namespace always, archived memories out
 * unless asked, kinds, and exact metadata matches through `metadata_pairs` (keys are data, never paths).
 */
export function memoryFilter(namespace: string, filter?: MemoryFilter, extra: readonly Condition[] = []): QdrantSchemas['Filter'] {
  const must: Condition[] = [namespaceCondition(namespace)];
  if (filter?.includeArchived !== true) must.push({ is_null: { key: 'archived_at' } });
  if (filter?.kinds !== undefined) must.push({ key: 'kind', match: { any: [...filter.kinds] } });
  for (const [key, value] of Object.entries(filter?.metadata ?? {})) must.push({ key: 'metadata_pairs', match: { value: metadataPair(key, value) } });
  must.push(...extra);
  return { must };
}
