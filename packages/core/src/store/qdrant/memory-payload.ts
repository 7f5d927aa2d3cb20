import { StoreFailureError } from '../../errors/store-failure-error.js';
import type { JsonValue } from '../../records/json-value.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import type { StoredMemory } from '../memory-store.js';
import { columnsFromRecord, recordFromColumns, type RecordColumns } from '../record-columns.js';
import { DENSE_VECTOR_NAME } from './collection-schema.js';
import { pointIdFor } from './point-id.js';
import type { QdrantSchemas } from './qdrant-api.js';

/** A memory as a Qdrant payload: the record's storage columns, filterable metadata pairs and its search terms. */
export interface MemoryPayload extends RecordColumns {
  /** One `JSON.stringify([key, value])` per metadata key: exact-match filters without key paths. */
  metadata_pairs: string[];
  /** Search terms in order, with repeats (`StoredMemory.terms`): matched by keyword, counted for BM25. */
  terms: string[];
  /** How many search terms: a document's length in BM25. */
  term_count: number;
}

/** The filterable form of one metadata entry. */
export function metadataPair(key: string, value: JsonValue): string {
  return JSON.stringify([key, value]);
}

export function payloadFromStored(memory: StoredMemory): MemoryPayload {
  return {
    ...columnsFromRecord(memory.record),
    metadata_pairs: Object.entries(memory.record.metadata).map(([key, value]) => metadataPair(key, value)),
    terms: [...memory.terms],
    term_count: memory.terms.length,
  };
}

/** Reads a record back from a payload; a payload Resonant did not write is a store failure. */
export function recordFromPayload(payload: Record<string, unknown> | null | undefined): MemoryRecord {
  const p = payload as Partial<MemoryPayload> | null | undefined;
  if (
    !p ||
    typeof p.id !== 'string' ||
    typeof p.namespace !== 'string' ||
    typeof p.text !== 'string' ||
    typeof p.created_at !== 'number' ||
    typeof p.metadata !== 'string'
  ) {
    throw new StoreFailureError(
      `A Qdrant point has no Resonant memory payload (id ${String(p?.id)}); was the collection written by something else?`,
    );
  }
  return recordFromColumns(p as RecordColumns);
}

/** The point for a stored memory: UUID id, dense vector, payload. */
export function pointFromStored(memory: StoredMemory): QdrantSchemas['PointStruct'] {
  return {
    id: pointIdFor(memory.record.id),
    vector: { [DENSE_VECTOR_NAME]: Array.from(memory.vector) },
    payload: payloadFromStored(memory) as unknown as Record<string, unknown>,
  };
}

/** The dense vector of a point read with `with_vector: ['dense']`. */
export function denseVectorOf(point: { vector?: unknown }): Float32Array {
  const vector = (point.vector as Record<string, unknown> | null | undefined)?.[DENSE_VECTOR_NAME];
  if (!Array.isArray(vector)) throw new StoreFailureError('Qdrant returned a point without its dense vector.');
  return Float32Array.from(vector as number[]);
}
