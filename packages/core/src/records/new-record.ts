import { NO_EMOTION } from './emotion-scores.js';
import { RECORD_DEFAULTS, type MemoryRecord } from './memory-record.js';

/** The fields a new record must have; every other field takes its default (`RECORD_DEFAULTS`). */
export type NewRecordFields = Pick<MemoryRecord, 'id' | 'namespace' | 'text' | 'createdAt'> &
  Partial<
    Pick<
      MemoryRecord,
      | 'kind'
      | 'summary'
      | 'arousal'
      | 'valence'
      | 'utility'
      | 'emotion'
      | 'crisis'
      | 'level'
      | 'archivedAt'
      | 'metadata'
    >
  >;

/** A never-recalled record: last access at creation, access count 0, defaults for absent signals. */
export function newRecord(fields: NewRecordFields): MemoryRecord {
  return {
    id: fields.id,
    namespace: fields.namespace,
    kind: fields.kind ?? RECORD_DEFAULTS.kind,
    text: fields.text,
    summary: fields.summary ?? null,
    createdAt: fields.createdAt,
    lastAccessedAt: fields.createdAt,
    accessCount: 0,
    arousal: fields.arousal ?? RECORD_DEFAULTS.arousal,
    valence: fields.valence ?? RECORD_DEFAULTS.valence,
    utility: fields.utility ?? RECORD_DEFAULTS.utility,
    emotion: fields.emotion ?? NO_EMOTION,
    crisis: fields.crisis ?? RECORD_DEFAULTS.crisis,
    level: fields.level ?? null,
    archivedAt: fields.archivedAt ?? null,
    metadata: fields.metadata ?? {},
  };
}
