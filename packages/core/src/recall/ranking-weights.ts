import { z } from 'zod';

/**
 * Weights of the fine-stage score. The score of a candidate is its relevance scaled by the weighted
 * mean of the other signals (relevance counting as 1):
 * `score = relevance · (weight_relevance + Σ weight_s · signal_s) / Σ weights`, every signal in
 * 0..1, so the score is 0..1 too. The signals modulate relevance rather than add to it: a recent or
 * intense memory that is not about the query cannot outrank one that is (added, they cost LoCoMo dev
 * recall@10 0.008 and context evidence text at 1,000 tokens 0.018, on the held-out conversation too).
 */
export interface RankingWeights {
  /** Fused lexical + vector relevance from the coarse stage. */
  relevance: number;
  /** Forgetting curve on `lastAccessedAt` (half-life grows with recalls). */
  recency: number;
  /** Emotional intensity of the memory. */
  arousal: number;
  /** Learned usefulness (Q-value) from feedback. */
  utility: number;
  /** The query appears verbatim (1) or in part (share of its word pairs) in the memory. */
  phrase: number;
}

/** Default weights: relevance leads; the other signals reorder memories of similar relevance. */
export const RANKING_DEFAULTS: Readonly<RankingWeights> = Object.freeze({
  /** @default 1 */
  relevance: 1,
  /** @default 0.2 */
  recency: 0.2,
  /** @default 0.1 */
  arousal: 0.1,
  /** @default 0.1 */
  utility: 0.1,
  /** @default 0.15 */
  phrase: 0.15,
});

const weight = z.number().min(0).max(100);

export const rankingWeightsSchema = z
  .object({ relevance: weight, recency: weight, arousal: weight, utility: weight, phrase: weight })
  .partial()
  .strict();
