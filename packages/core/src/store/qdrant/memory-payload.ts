import { StoreFailureError } from '../../errors/store-failure-error.js';
import type { JsonValue, MemoryMetadata } from '../../records/json-value.js';
import type { MemoryKind } from '../../records/memory-kind.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import type { StoredMemory } from '../memory-store.js';
import { DENSE_VECTOR_NAME, LEXICAL_VECTOR_NAME } from './collection-schema.js';
import { pointIdFor } from './point-id.js';
import type { QdrantSchemas } from './qdrant-api.js';
import { documentSparseVector, type SparseVectorParameters } from './sparse-vector.js';

/** A memory as a Qdrant payload: the record's fields in snake_case, times in epoch milliseconds. */
export interface MemoryPayload {
  id: string;
  namespace: string;
  kind: MemoryKind;
  text: string;
  summary: string | null;
  created_at: number;
  last_accessed_at: number;
  access_count: number;
  arousal: number;
  valence: number;
  utility: number;
  joy: number;
  aversion: number;
  trauma: number;
  crisis: number;
  level: number | null;
  archived_at: number | null;
  /** The metadata as JSON text, so it reads back exactly as written. */
  metadata: string;
  /** One `JSON.stringify([key, value])` per metadata key: exact-match filters without key paths. */
  metadata_pairs: string[];
}

/** The filterable form of one metadata entry. */
export function metadataPair(key: string, value: JsonValue): string {
  return JSON.stringify([key, value]);
}

export function payloadFromRecord(record: MemoryRecord): MemoryPayload {
  return {
    id: record.id,
    namespace: record.namespace,
    kind: record.kind,
    text: record.text,
    summary: record.summary,
    created_at: record.createdAt.getTime(),
    last_accessed_at: record.lastAccessedAt.getTime(),
    access_count: record.accessCount,
    arousal: record.arousal,
    valence: record.valence,
    utility: record.utility,
    joy: record.emotion.joy,
    aversion: record.emotion.aversion,
    trauma: record.emotion.trauma,
    crisis: record.crisis,
    level: record.level,
    archived_at: record.archivedAt === null ? null : record.archivedAt.getTime(),
    metadata: JSON.stringify(record.metadata),
    metadata_pairs: Object.entries(record.metadata).map(([key, value]) => metadataPair(key, value)),
  };
}

/** Reads a record back from a payload; a payload Resonant did not write is a store failure. */
export function recordFromPayload(payload: Record<string, unknown> | null | undefined): MemoryRecord {
  const p = payload as Partial<MemoryPayload> | null | undefined;
  if (!p || typeof p.id !== 'string' || typeof p.namespace !== 'string' || typeof p.text !== 'string' || typeof p.created_at !== 'number' || typeof p.metadata !== 'string') {
    throw new StoreFailureError(`A Qdrant point has no Resonant memory payload (id ${String(p?.id)}); was the collection written by something else?`);
  }
  return {
    id: p.id,
    namespace: p.namespace,
    kind: p.kind!,
    text: p.text,
    summary: p.summary ?? null,
    createdAt: new Date(p.created_at),
    lastAccessedAt: new Date(p.last_accessed_at!),
    accessCount: p.access_count!,
    arousal: p.arousal!,
    valence: p.valence!,
    utility: p.utility!,
    emotion: { joy: p.joy!, aversion: p.aversion!, trauma: p.trauma! },
    crisis: p.crisis!,
    level: p.level ?? null,
    archivedAt: p.archived_at === null || p.archived_at === undefined ? null : new Date(p.archived_at),
    metadata: JSON.parse(p.metadata) as MemoryMetadata,
  };
}

/** The point for a stored memory: UUID id, dense and (when there are terms) lexical vectors, payload. */
export function pointFromStored(memory: StoredMemory, sparse: SparseVectorParameters): QdrantSchemas['PointStruct'] {
  const lexical = documentSparseVector(memory.terms, sparse);
  return {
    id: pointIdFor(memory.record.id),
    vector: lexical.indices.length > 0 ? { [DENSE_VECTOR_NAME]: Array.from(memory.vector), [LEXICAL_VECTOR_NAME]: lexical } : { [DENSE_VECTOR_NAME]: Array.from(memory.vector) },
    payload: payloadFromRecord(memory.record) as unknown as Record<string, unknown>,
  };
}

/** The dense vector of a point read with `with_vector: ['dense']`. */
export function denseVectorOf(point: { vector?: unknown }): Float32Array {
  const vector = (point.vector as Record<string, unknown> | null | undefined)?.[DENSE_VECTOR_NAME];
  if (!Array.isArray(vector)) throw new StoreFailureError('Qdrant returned a point without its dense vector.');
  return Float32Array.from(vector as number[]);
}
