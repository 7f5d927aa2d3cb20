import { ResonantError } from './resonant-error.js';

/** The embedder differs from the one the store was created with, or returned vectors of the wrong shape. */
export class EmbedderMismatchError extends ResonantError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('embedder_mismatch', message, options);
  }
}
