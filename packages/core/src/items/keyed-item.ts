import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';

/** An item of a key-value view over memory: a JSON value under a key in a namespace path. */
export interface KeyedItem {
  namespace: string[];
  key: string;
  value: Record<string, JsonValue>;
  /** When the key was first put. */
  createdAt: Date;
  /** When the current version was put. */
  updatedAt: Date;
  /** Recall's score (0..1), on items a search with a query found. */
  score?: number;
}

/** The metadata keys that carry an item inside the memory that stores it. */
export interface ItemMetadataKeys {
  key: string;
  /** The value, as JSON. */
  value: string;
  /** The first creation time (ISO 8601), present once the key has been put again. */
  createdAt: string;
}

/** The item a memory stands for; a memory that carries no item (written by other tools) is keyed `m:<id>`, valued `{ text, kind }`. */
export function toKeyedItem(record: MemoryRecord, namespace: string[], keys: ItemMetadataKeys): KeyedItem {
  const { [keys.key]: key, [keys.value]: value, [keys.createdAt]: createdAt } = record.metadata;
  if (typeof key !== 'string')
    return {
      namespace,
      key: `m:${record.id}`,
      value: { text: record.text, kind: record.kind },
      createdAt: record.createdAt,
      updatedAt: record.createdAt,
    };
  const firstCreated = typeof createdAt === 'string' ? new Date(createdAt) : record.createdAt;
  return {
    namespace,
    key,
    value: value as Record<string, JsonValue>,
    createdAt: firstCreated,
    updatedAt: record.createdAt,
  };
}
