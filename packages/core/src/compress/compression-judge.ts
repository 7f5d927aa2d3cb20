/** A judge's marks for one compression, each 1 (lost) .. 5 (fully kept), the seed's four axes. */
export interface CompressionJudgement {
  /** Facts: who, what, when, how many. */
  facts: number;
  /** Causality: what led to what. */
  causality: number;
  /** Rationale: why people chose or felt what they did. */
  rationale: number;
  /** Actionability: what someone can still act on from the summary alone. */
  actionability: number;
}

/**
 * An optional quality judge (usually an LLM) run on each summary put into a context. Its marks are
 * untrusted input: marks outside 1..5 are reported as an invalid judgement, not used.
 */
export type CompressionJudge = (input: { original: string; summary: string }) => Promise<CompressionJudgement>;

/** When a `CompressionJudge`'s marks make a summary worth a warning. */
export const COMPRESSION_JUDGE_DEFAULTS = Object.freeze({
  /** A summary whose mean mark is under this gets a warning. @default 3.5 */
  warnBelow: 3.5,
});

const AXES = ['facts', 'causality', 'rationale', 'actionability'] as const;

/** The mean of the four marks, or null when any mark is missing or outside 1..5. */
export function judgementMean(judgement: unknown): number | null {
  if (typeof judgement !== 'object' || judgement === null) return null;
  let total = 0;
  for (const axis of AXES) {
    const mark = (judgement as Record<string, unknown>)[axis];
    if (typeof mark !== 'number' || !Number.isFinite(mark) || mark < 1 || mark > 5) return null;
    total += mark;
  }
  return total / AXES.length;
}
