import { SUPERSEDED_SHARE, type RecallSignals } from './rank-candidates.js';
import { RANKING_DEFAULTS, type RankingWeights } from './ranking-weights.js';

/** How much of a recall score each weighted signal made; the signal parts add up to the score. */
export interface ScoreParts {
  relevance: number;
  recency: number;
  arousal: number;
  utility: number;
  phrase: number;
  /** The caller's extra fine-stage signal (0 when none was passed). */
  extra: number;
  /** What aversion took away from the weighted sum (not part of the score). */
  aversionCut: number;
  /** What being revised by a later memory took away, after aversion (not part of the score). */
  supersededCut: number;
}

/**
 * Splits a recall hit's score into its signals' parts, for explanations (the inspector, `recall`
 * tables): `relevance · weight · signal / Σ weights` (the relevance part with signal 1), each
 * scaled by what aversion left, as `rankCandidates` scores. Pass the weights the memory ranks with (`createMemory({ ranking })`) and the extra
 * signal's weight when one was used.
 */
export function explainScore(
  signals: RecallSignals,
  weights: Readonly<RankingWeights> = RANKING_DEFAULTS,
  extraWeight = 0,
): ScoreParts {
  const total =
    weights.relevance + weights.recency + weights.arousal + weights.utility + weights.phrase + extraWeight || 1;
  const afterAversion = 1 - (signals.aversion ?? 0);
  const kept = afterAversion * (signals.superseded ? SUPERSEDED_SHARE : 1);
  const part = (weight: number, value: number) => ((signals.relevance * weight * value) / total) * kept;
  const parts = {
    relevance: part(weights.relevance, 1),
    recency: part(weights.recency, signals.recency),
    arousal: part(weights.arousal, signals.arousal),
    utility: part(weights.utility, signals.utility),
    phrase: part(weights.phrase, signals.phrase),
    extra: part(extraWeight, signals.extra ?? 0),
  };
  const weighted = Object.values(parts).reduce((sum, value) => sum + value, 0);
  const unscaled = kept > 0 ? weighted / kept : 0;
  return {
    ...parts,
    aversionCut: unscaled * (signals.aversion ?? 0),
    supersededCut: signals.superseded ? unscaled * afterAversion * (1 - SUPERSEDED_SHARE) : 0,
  };
}
