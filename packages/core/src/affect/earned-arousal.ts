import type { MemoryRecord } from '../records/memory-record.js';
import { TextMemo } from '../text/text-memo.js';
import { estimateArousal } from './estimate-arousal.js';

/** When a memory's arousal counts as a real mark of intensity. */
export const EARNED_AROUSAL_DEFAULTS = Object.freeze({
  /**
   * Arousal that is only `estimateArousal`'s reading of the text counts from here: the lowest value
   * at which at most 5 % of everyday chat reaches it, labelled texts and LoCoMo's dev turns alike
   * (`bench/arousal-calibration`; cheerful small talk reads 0.5 at the median, and 0.6 was reached by
   * 38 % of LoCoMo's turns). It is still reached by 37 % of the labelled intense texts; explicit
   * signals carry the rest. @default 0.85
   */
  estimatedFloor: 0.85,
});

// The estimate of a text never changes; contexts and consolidation ask for it again and again.
const estimateMemo = new TextMemo<number>(20_000);

/**
 * A memory's arousal as evidence of intensity: the stored value when an explicit signal set it (a
 * caller's value, a `<persona_emotion>`, feedback: anything that differs from the estimate of the
 * text), the estimate when it reaches `estimatedFloor`, else 0. What tone marks, packing salience
 * and consolidation detail read, so that "Wow, cool!" is not mistaken for a moment that mattered.
 */
export function earnedArousal(record: MemoryRecord): number {
  const estimated = estimateMemo.get(record.text, () => estimateArousal(record.text).arousal);
  const isEstimate = Math.abs(record.arousal - estimated) < 1e-6;
  return !isEstimate || record.arousal >= EARNED_AROUSAL_DEFAULTS.estimatedFloor ? record.arousal : 0;
}
