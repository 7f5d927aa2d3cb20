import { earnedArousal } from '../affect/earned-arousal.js';
import type { MemoryRecord } from '../records/memory-record.js';

/**
 * How much a memory stands out from everyday ones, 0..1: its strongest emotional mark (earned
 * arousal, joy, aversion, trauma) or learned usefulness above the 0.5 prior, whichever is higher:
 * `max(earnedArousal, joy, aversion, trauma, 2 × max(0, utility − 0.5))`. 0 is an everyday memory.
 */
export function memorySalience(record: MemoryRecord): number {
  const { utility, emotion } = record;
  return Math.min(
    1,
    Math.max(0, earnedArousal(record), emotion.joy, emotion.aversion, emotion.trauma, 2 * (utility - 0.5)),
  );
}
