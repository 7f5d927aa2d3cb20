/** Bounds of the adaptive compression ratio (summary tokens / original tokens), as in the seed. */
export const COMPRESSION_RATIO_BOUNDS = Object.freeze({
  /** The hardest squeeze: a twentieth of the original. @default 0.05 */
  min: 0.05,
  /** The gentlest: under a third of the original, or a summary is not worth its reference. @default 0.3 */
  max: 0.3,
});

/** What the adaptive ratio depends on, each 0..1. */
export interface CompressionRatioInput {
  /** How much the memory matters now (its ranking score or salience, whichever is higher). */
  importance: number;
  /** How fresh it is (the forgetting-curve recency of recall). */
  recency: number;
  /** Share of what the candidates ask for that the budget can still hold (1 = no pressure). */
  room: number;
}

/**
 * The target ratio of a summary produced now:
 * `ratio = min + (max - min) × (0.6 × importance + 0.4 × recency) × room`, clamped to [min, max]
 * (default [0.05, 0.3]). Important, fresh memories keep more; under budget pressure everything
 * is squeezed toward `min`. Inputs outside 0..1 are clamped first.
 */
export function compressionRatio(input: CompressionRatioInput): number {
  const { min, max } = COMPRESSION_RATIO_BOUNDS;
  const keep = 0.6 * unit(input.importance) + 0.4 * unit(input.recency);
  return Math.min(max, Math.max(min, min + (max - min) * keep * unit(input.room)));
}

function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
