import type { EmotionCategory } from '../affect/emotion-vocabulary.js';

/** The model says it used memory `id`, and how much it helped: resonance 0..1. */
export interface MemoryTraceTag {
  type: 'memory_trace';
  /** The memory's full id, `m:` prefix removed. */
  id: string;
  resonance: number;
}

/** The persona's own emotion about the exchange, in the shared emotion vocabulary. */
export interface PersonaEmotionTag {
  type: 'persona_emotion';
  category: EmotionCategory;
  intensity: number;
}

/** One feedback tag found in model output. */
export type FeedbackTag = MemoryTraceTag | PersonaEmotionTag;

/** A tag that was removed from the visible text but not kept, and why. */
export interface DroppedTag {
  /** The tag as written (cut to `FEEDBACK_DEFAULTS.maxReportedSourceLength`). */
  source: string;
  reason: string;
}

/** A value the parser corrected (clamped or defaulted) on a tag it kept. */
export interface AdjustedValue {
  source: string;
  attribute: string;
  /** The value as written, or null when it was missing. */
  written: string | null;
  used: number;
  reason: string;
}

/** What feedback parsing found: the user-visible text, the tags, and what was dropped or corrected. */
export interface FeedbackParse {
  /** The text with every feedback tag removed, everything else unchanged and in order. */
  text: string;
  tags: FeedbackTag[];
  dropped: DroppedTag[];
  adjusted: AdjustedValue[];
}

/** Limits and defaults of the tag grammar. */
export const FEEDBACK_DEFAULTS = Object.freeze({
  /** A `<memory_trace` or `<persona_emotion` with no `>` within this many characters is text, not a tag. @default 512 */
  maxTagLength: 512,
  /**
   * Possible tags held open inside one another (`<memory_<memory_trace …/>trace …/>`); past this the
   * outermost is released as text. @default 64
   */
  maxTagNesting: 64,
  /** Tags kept per parse or stream; later ones are still removed from the text but dropped. @default 256 */
  maxTags: 256,
  /** Dropped and adjusted entries recorded per parse or stream. @default 256 */
  maxReports: 256,
  /** Longest tag source quoted in a report. @default 200 */
  maxReportedSourceLength: 200,
  /** Intensity of a `<persona_emotion>` that gives none. @default 0.5 */
  emotionIntensity: 0.5,
});
