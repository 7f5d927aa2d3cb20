import { ResonantError } from './resonant-error.js';

/** The storage backend failed (disk, lock timeout, corrupt file, unreachable server). */
export class StoreFailureError extends ResonantError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_failure', message, options);
  }
}
