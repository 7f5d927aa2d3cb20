import { ResonantError } from './resonant-error.js';

/** Why a local model could not be used: its files are absent, unreadable as a model, or the runtime package is not installed. */
export type ModelUnavailableReason = 'missing' | 'corrupt' | 'runtime_missing';

/** A local embedding model could not be loaded or run; nothing is ever downloaded in its place. */
export class ModelUnavailableError extends ResonantError {
  readonly reason: ModelUnavailableReason;

  constructor(reason: ModelUnavailableReason, message: string, options?: { cause?: unknown }) {
    super('model_unavailable', message, options);
    this.reason = reason;
  }
}
