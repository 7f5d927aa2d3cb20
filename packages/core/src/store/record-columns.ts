import type { MemoryMetadata } from '../records/json-value.js';
import type { MemoryKind } from '../records/memory-kind.js';
import type { MemoryRecord } from '../records/memory-record.js';

/**
 * A record as flat storage columns: snake_case names, times in epoch milliseconds, metadata as
 * JSON text (so it reads back exactly as written). SQLite rows and Qdrant payloads both use it.
 */
export interface RecordColumns {
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
  metadata: string;
}

export function columnsFromRecord(record: MemoryRecord): RecordColumns {
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
  };
}

export function recordFromColumns(columns: RecordColumns): MemoryRecord {
  return {
    id: columns.id,
    namespace: columns.namespace,
    kind: columns.kind,
    text: columns.text,
    summary: columns.summary ?? null,
    createdAt: new Date(columns.created_at),
    lastAccessedAt: new Date(columns.last_accessed_at),
    accessCount: columns.access_count,
    arousal: columns.arousal,
    valence: columns.valence,
    utility: columns.utility,
    emotion: { joy: columns.joy, aversion: columns.aversion, trauma: columns.trauma },
    crisis: columns.crisis,
    level: columns.level ?? null,
    archivedAt:
      columns.archived_at === null || columns.archived_at === undefined ? null : new Date(columns.archived_at),
    metadata: JSON.parse(columns.metadata) as MemoryMetadata,
  };
}
