import type { EmotionScores } from './emotion-scores.js';
import type { MemoryMetadata } from './json-value.js';
import type { MemoryKind } from './memory-kind.js';

/** One stored memory with every signal the ranking uses. Records are immutable snapshots. */
export interface MemoryRecord {
  /** Stable id, unique in the store; rendered to models as `m:<id>`. */
  readonly id: string;
  readonly namespace: string;
  readonly kind: MemoryKind;
  /** The full original text. Never rewritten by compression or consolidation. */
  readonly text: string;
  /** A compact faithful form, when one has been stored; context assembly prefers it under pressure. */
  readonly summary: string | null;
  readonly createdAt: Date;
  /** When the memory was last written or recalled; recency decays from here. */
  readonly lastAccessedAt: Date;
  /** How many times recall has returned (and so reinforced) this memory. */
  readonly accessCount: number;
  /** Emotional intensity 0..1 (calm .. overwhelming). */
  readonly arousal: number;
  /** Emotional direction -1..1 (painful .. joyful). */
  readonly valence: number;
  /** Learned usefulness (a Q-value) 0..1; starts at {@link RECORD_DEFAULTS.utility}. */
  readonly utility: number;
  readonly emotion: Readonly<EmotionScores>;
  /** Crisis severity 0..1; items at or above the crisis threshold are never compressed. */
  readonly crisis: number;
  /** Consolidation level of a summary (0 session, 1 day, 2 week, 3 milestone); null for raw memories. */
  readonly level: number | null;
  /** When consolidation archived it; archived memories keep their text but leave default recall. */
  readonly archivedAt: Date | null;
  readonly metadata: Readonly<MemoryMetadata>;
}

/** Defaults for a new record's signals. */
export const RECORD_DEFAULTS = Object.freeze({
  /** @default 'episode' */
  kind: 'episode' as MemoryKind,
  /** Neutral intensity until something says otherwise. @default 0 */
  arousal: 0,
  /** @default 0 */
  valence: 0,
  /** The Q-value prior: neither useful nor useless until feedback says so. @default 0.5 */
  utility: 0.5,
  /** @default 0 */
  crisis: 0,
});
