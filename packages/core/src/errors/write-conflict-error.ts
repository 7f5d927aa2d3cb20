import { ResonantError } from './resonant-error.js';

/**
 * Another writer changed what a write was planned on (a summary chain, a memory's text) between
 * the read and the write; nothing was written. Callers that planned the write retry it from a fresh read.
 */
export class WriteConflictError extends ResonantError {
  constructor(message: string) {
    super('write_conflict', message);
  }
}

/** Whether an error is a `WriteConflictError`, even one thrown by a second copy of the package. */
export function isWriteConflict(error: unknown): error is WriteConflictError {
  return ResonantError.isInstance(error) && error.code === 'write_conflict';
}
