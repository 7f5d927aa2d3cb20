import type { Embedder } from '../embed/embedder.js';
import type { FineRankSignal } from '../recall/fine-rank-signal.js';
import type { ResonanceEstimator } from './create-resonance-estimator.js';

/** Options for {@link createResonanceSignal}. */
export interface ResonanceSignalOptions {
  readonly estimator: ResonanceEstimator;
  /** Embeds the candidates' texts: the memory's own embedder, so projections match what was observed. */
  readonly embedder: Embedder;
  /** Weight beside `RankingWeights`. */
  readonly weight: number;
}

/** Resonance importance as an extra fine-stage signal for `recall({ extraSignal })` (query-independent: a prior per memory). */
export function createResonanceSignal(options: ResonanceSignalOptions): FineRankSignal {
  const { estimator, embedder, weight } = options;
  return {
    weight,
    async score({ namespace, records }) {
      const vectors = await embedder.embed(records.map((record) => record.text));
      return vectors.map((vector) => estimator.importance(namespace, vector).importance);
    },
  };
}
