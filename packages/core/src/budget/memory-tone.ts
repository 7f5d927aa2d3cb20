import { earnedArousal } from '../affect/earned-arousal.js';
import type { MemoryRecord } from '../records/memory-record.js';

/** When the block marks a memory's emotional tone. */
export const MEMORY_TONE_DEFAULTS = Object.freeze({
  /** Earned arousal (see `earnedArousal`: an explicit signal, or an estimate of at least 0.85) marks "intense" from here. @default 0.6 */
  intense: 0.6,
  /** Valence at or below minus this reads "painful", at or above it "joyful". @default 0.4 */
  valence: 0.4,
  /** Trauma at or above this reads "traumatic". @default 0.5 */
  trauma: 0.5,
});

/**
 * The tone words a memory's line carries, each earned: "traumatic" and "painful"/"joyful" come only
 * from signals someone gave (trauma, valence), "intense" from earned arousal. Empty for calm,
 * everyday memories.
 */
export function memoryTone(record: MemoryRecord): string[] {
  const defaults = MEMORY_TONE_DEFAULTS;
  const tone: string[] = [];
  if (record.emotion.trauma >= defaults.trauma) tone.push('traumatic');
  if (record.valence <= -defaults.valence) tone.push('painful');
  else if (record.valence >= defaults.valence) tone.push('joyful');
  if (earnedArousal(record) >= defaults.intense) tone.push('intense');
  return tone;
}
