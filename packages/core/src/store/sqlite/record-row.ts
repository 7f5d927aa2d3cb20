import type { MemoryRecord } from '../../records/memory-record.js';
import type { StoredMemory } from '../memory-store.js';
import { columnsFromRecord, recordFromColumns, type RecordColumns } from '../record-columns.js';

/** A `memories` row as better-sqlite3 returns it (without the index columns). */
export type RecordRow = RecordColumns;

/** The record columns, in `RecordRow` order, for SELECT lists. */
export const RECORD_COLUMNS =
  'id, namespace, kind, text, summary, created_at, last_accessed_at, access_count, arousal, valence, utility, joy, aversion, trauma, crisis, level, archived_at, metadata';

export function recordFromRow(row: RecordRow): MemoryRecord {
  return recordFromColumns(row);
}

/** Named parameters for inserting a stored memory. */
export function rowFromStored({ record, vector, terms }: StoredMemory, seq: number): Record<string, unknown> {
  return { ...columnsFromRecord(record), terms: terms.join(' '), vector: vectorToBlob(vector), seq };
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

/** The blob's floats without a copy when it is 4-byte aligned (better-sqlite3 gives each blob its own buffer); a copy otherwise. */
export function vectorViewOfBlob(blob: Buffer): Float32Array {
  return blob.byteOffset % 4 === 0
    ? new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
    : vectorFromBlob(blob);
}

/** Splits the stored `terms` column back into terms. */
export function termsFromColumn(column: string): string[] {
  return column.length === 0 ? [] : column.split(' ');
}
