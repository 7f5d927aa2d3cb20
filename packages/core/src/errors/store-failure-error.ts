import { ResonantError } from './resonant-error.js';

/** The storage backend failed (disk, lock timeout, corrupt file, unreachable server). */
export class StoreFailureError extends ResonantError {
  /**
   * True when the backend could not be reached or its answer was lost (timeout, 5xx, network,
   * malformed answer): the same call may succeed later, and stores that queue writes queue them.
   */
  readonly transient: boolean;

  constructor(message: string, options?: { cause?: unknown; transient?: boolean }) {
    super('store_failure', message, options);
    this.transient = options?.transient ?? false;
  }
}
