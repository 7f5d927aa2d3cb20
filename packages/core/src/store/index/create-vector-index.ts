import { APPROXIMATE_INDEX_DEFAULTS, ApproximateVectorIndex, loadUsearch } from './approximate-vector-index.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import type { VectorIndex } from './vector-index.js';

/**
 * The vector index of a namespace: the approximate one (exact below its size threshold) when the
 * optional usearch module loads, else the exact scan. `RESONANT_VECTOR_INDEX=exact` forces the exact scan;
 * `RESONANT_ANN_MIN_VECTORS` moves the switch point (for benchmarks).
 */
export function createVectorIndex(dimensions: number): VectorIndex {
  const usearch = process.env.RESONANT_VECTOR_INDEX === 'exact' ? null : loadUsearch();
  return usearch === null
    ? new ExactVectorIndex(dimensions)
    : new ApproximateVectorIndex(dimensions, usearch, {
        ...APPROXIMATE_INDEX_DEFAULTS,
        minVectors: Number(process.env.RESONANT_ANN_MIN_VECTORS ?? APPROXIMATE_INDEX_DEFAULTS.minVectors),
      });
}
