import { EmbedderMismatchError } from '../errors/embedder-mismatch-error.js';
import type { Embedder, EmbedPurpose } from './embedder.js';

/** Largest batch sent to the embedder in one call. */
const EMBED_BATCH_SIZE = 256;

/** Embeds texts in batches and checks every vector: right count, right length, finite numbers. */
export async function embedTexts(
  embedder: Embedder,
  texts: readonly string[],
  purpose: EmbedPurpose = 'document',
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += EMBED_BATCH_SIZE) {
    const batch = texts.slice(start, start + EMBED_BATCH_SIZE);
    const result = await embedder.embed(batch, { purpose });
    if (!Array.isArray(result) || result.length !== batch.length) {
      throw new EmbedderMismatchError(
        `Embedder "${embedder.id}" returned ${Array.isArray(result) ? result.length : 'no'} vectors for ${batch.length} texts.`,
      );
    }
    for (const raw of result as ArrayLike<number>[]) {
      const vector = raw instanceof Float32Array ? raw : Float32Array.from(raw);
      if (vector.length !== embedder.dimensions) {
        throw new EmbedderMismatchError(
          `Embedder "${embedder.id}" returned a vector of ${vector.length} dimensions; it declares ${embedder.dimensions}.`,
        );
      }
      for (let i = 0; i < vector.length; i++) {
        if (!Number.isFinite(vector[i]))
          throw new EmbedderMismatchError(`Embedder "${embedder.id}" returned a non-finite value.`);
      }
      vectors.push(vector);
    }
  }
  return vectors;
}
