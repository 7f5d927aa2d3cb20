import { estimateArousal } from '../affect/estimate-arousal.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { TextMemo } from '../text/text-memo.js';

/** When the block marks a memory's emotional tone. */
export const MEMORY_TONE_DEFAULTS = Object.freeze({
  /** Arousal from an explicit signal (a caller's value, a `<persona_emotion>`, feedback) marks "intense" from here. @default 0.6 */
  explicitIntense: 0.6,
  /**
   * Arousal that is only `estimateArousal`'s reading of the text marks "intense" from here: the
   * lowest value at which at most 5 % of everyday chat is marked, labelled texts and LoCoMo's dev
   * turns alike (`bench/arousal-calibration`; cheerful small talk reads 0.5 at the median, and 0.6
   * marked 38 % of LoCoMo's turns). It still marks 37 % of the labelled intense texts; explicit
   * signals mark the rest. @default 0.85
   */
  estimatedIntense: 0.85,
  /** Valence at or below minus this reads "painful", at or above it "joyful". @default 0.4 */
  valence: 0.4,
  /** Trauma at or above this reads "traumatic". @default 0.5 */
  trauma: 0.5,
});

// The estimate of a text never changes; contexts ask for it line after line.
const estimateMemo = new TextMemo<number>(20_000);

/**
 * The tone words a memory's line carries, each earned: "traumatic" and "painful"/"joyful" come only
 * from signals someone gave (trauma, valence), and "intense" from arousal that an explicit signal set
 * (`explicitIntense`) or, when the arousal is the text's own estimate, only from `estimatedIntense`.
 * Empty for calm, everyday memories.
 */
export function memoryTone(record: MemoryRecord): string[] {
  const defaults = MEMORY_TONE_DEFAULTS;
  const tone: string[] = [];
  if (record.emotion.trauma >= defaults.trauma) tone.push('traumatic');
  if (record.valence <= -defaults.valence) tone.push('painful');
  else if (record.valence >= defaults.valence) tone.push('joyful');
  const estimated = estimateMemo.get(record.text, () => estimateArousal(record.text).arousal);
  const isEstimate = Math.abs(record.arousal - estimated) < 1e-6;
  if (record.arousal >= (isEstimate ? defaults.estimatedIntense : defaults.explicitIntense)) tone.push('intense');
  return tone;
}
