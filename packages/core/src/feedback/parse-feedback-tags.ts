import { createTagStripper } from './create-tag-stripper.js';
import type { FeedbackParse } from './feedback-tag.js';

/**
 * Finds the feedback tags in a complete model output: returns the visible text (tags removed), the
 * tags, and what was dropped or corrected. Tolerant of attribute order, quote style, spaces, case,
 * self-closing or not; never throws on model output.
 */
export function parseFeedbackTags(text: string): FeedbackParse {
  const stripper = createTagStripper();
  const visible = stripper.push(text);
  const rest = stripper.end();
  return { ...rest, text: visible + rest.text };
}
