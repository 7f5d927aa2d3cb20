import type { MemoryKind } from '../../records/memory-kind.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import type { StoredMemory } from '../memory-store.js';

/** A `memories` row as better-sqlite3 returns it (without the index columns). */
export interface RecordRow {
  id: string;
  namespace: string;
  kind: string;
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
  metadata: string;
}

/** The record columns, in `RecordRow` order, for SELECT lists. */
export const RECORD_COLUMNS =
  'id, namespace, kind, text, summary, created_at, last_accessed_at, access_count, arousal, valence, utility, joy, aversion, trauma, crisis, level, archived_at, metadata';

export function recordFromRow(row: RecordRow): MemoryRecord {
  return {
    id: row.id,
    namespace: row.namespace,
    kind: row.kind as MemoryKind,
    text: row.text,
    summary: row.summary,
    createdAt: new Date(row.created_at),
    lastAccessedAt: new Date(row.last_accessed_at),
    accessCount: row.access_count,
    arousal: row.arousal,
    valence: row.valence,
    utility: row.utility,
    emotion: { joy: row.joy, aversion: row.aversion, trauma: row.trauma },
    crisis: row.crisis,
    level: row.level,
    archivedAt: row.archived_at === null ? null : new Date(row.archived_at),
    metadata: JSON.parse(row.metadata) as MemoryRecord['metadata'],
  };
}

/** Named parameters for inserting a stored memory. */
export function rowFromStored({ record, vector, terms }: StoredMemory, seq: number): Record<string, unknown> {
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
    terms: terms.join(' '),
    vector: vectorToBlob(vector),
    seq,
  };
}

export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** Copies a blob into a fresh, aligned Float32Array. */
export function vectorFromBlob(blob: Buffer): Float32Array {
  const vector = new Float32Array(blob.byteLength / 4);
  new Uint8Array(vector.buffer).set(blob);
  return vector;
}

/** Splits the stored `terms` column back into terms. */
export function termsFromColumn(column: string): string[] {
  return column.length === 0 ? [] : column.split(' ');
}
