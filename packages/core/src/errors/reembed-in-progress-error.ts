import { ResonantError } from './resonant-error.js';

/**
 * The store is half-way through moving to another embedder (`reembedStore`, `resonant reembed`):
 * it opens with neither embedder until the reembed is run again to the end.
 */
export class ReembedInProgressError extends ResonantError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('reembed_in_progress', message, options);
  }
}
