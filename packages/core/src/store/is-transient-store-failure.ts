import { ResonantError } from '../errors/resonant-error.js';

/**
 * True for a `StoreFailureError` marked transient: the store could not be reached or its answer
 * was lost. Checked by shape, so it works across duplicate installs of the package.
 */
export function isTransientStoreFailure(error: unknown): boolean {
  return (
    ResonantError.isInstance(error) &&
    error.code === 'store_failure' &&
    (error as { transient?: unknown }).transient === true
  );
}
