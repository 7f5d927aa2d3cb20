import { CapabilityMissingError } from '../../errors/capability-missing-error.js';
import { APPROXIMATE_INDEX_DEFAULTS, ApproximateVectorIndex, loadUsearch } from './approximate-vector-index.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import type { ResolvedVectorIndexOptions } from './vector-index-options.js';
import type { VectorIndex } from './vector-index.js';

/**
 * The vector index of a namespace as `options` choose it: the approximate one (exact below its size
 * threshold) when the optional usearch module loads, else the exact scan.
 */
export function createVectorIndex(
  dimensions: number,
  options: Pick<ResolvedVectorIndexOptions, 'kind' | 'minVectors'> = { kind: 'auto' },
): VectorIndex {
  const usearch = options.kind === 'exact' ? null : loadUsearch();
  if (usearch === null && options.kind === 'approximate')
    throw new CapabilityMissingError(
      'vectorIndex.kind "approximate" needs the optional usearch module, which is not installed or does not load here.',
    );
  return usearch === null
    ? new ExactVectorIndex(dimensions)
    : new ApproximateVectorIndex(dimensions, usearch, {
        ...APPROXIMATE_INDEX_DEFAULTS,
        minVectors: options.minVectors ?? APPROXIMATE_INDEX_DEFAULTS.minVectors,
      });
}
