import type { ModelPooling } from './read-model-directory.js';

/** A model's token-level output for a padded batch: `[batch, sequence, dimensions]`, row-major. */
export interface TokenVectors {
  readonly data: Float32Array;
  readonly batch: number;
  readonly sequence: number;
  readonly dimensions: number;
}

/**
 * One vector per text from token vectors: `mean` averages the tokens the attention mask keeps
 * (padding never counts), `cls` takes the first token. Returns fresh arrays, not views.
 */
export function poolTokenVectors(
  tokens: TokenVectors,
  attentionMask: readonly (readonly number[])[],
  pooling: ModelPooling,
): Float32Array[] {
  const { data, batch, sequence, dimensions } = tokens;
  const pooled: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dimensions);
    const base = b * sequence * dimensions;
    if (pooling === 'cls') {
      vector.set(data.subarray(base, base + dimensions));
    } else {
      const mask = attentionMask[b]!;
      let kept = 0;
      for (let s = 0; s < sequence; s++) {
        if (!mask[s]) continue;
        kept++;
        const offset = base + s * dimensions;
        for (let d = 0; d < dimensions; d++) vector[d]! += data[offset + d]!;
      }
      if (kept > 0) for (let d = 0; d < dimensions; d++) vector[d]! /= kept;
    }
    pooled.push(vector);
  }
  return pooled;
}
