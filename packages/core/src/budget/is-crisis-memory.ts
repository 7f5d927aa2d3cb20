import type { MemoryRecord } from '../records/memory-record.js';

/** When a memory counts as a crisis item (`isCrisisMemory`). */
export const CRISIS_DEFAULTS = Object.freeze({
  /** A memory whose `crisis` is at or above this is a crisis item: first in context, never compressed. @default 0.5 */
  threshold: 0.5,
});

/** True for a crisis item: `crisis` at or above the threshold, or `metadata.crisis === true`. */
export function isCrisisMemory(record: MemoryRecord, threshold: number = CRISIS_DEFAULTS.threshold): boolean {
  return record.crisis >= threshold || record.metadata.crisis === true;
}
