const BRAND = Symbol.for('resonant.error');

/** Stable machine-readable codes; one per `ResonantError` subclass. */
export type ResonantErrorCode =
  | 'invalid_input'
  | 'embedder_mismatch'
  | 'store_failure'
  | 'memory_closed'
  | 'not_found'
  | 'capability_missing'
  | 'namespace_forbidden'
  | 'write_conflict'
  | 'model_unavailable'
  | 'reembed_in_progress';

/** Base of every error Resonant throws on purpose; switch on `code`, not on the message. */
export class ResonantError extends Error {
  readonly code: ResonantErrorCode;
  readonly [BRAND] = true;

  constructor(code: ResonantErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** True for any Resonant error, even one thrown by a second copy of the package. */
  static isInstance(value: unknown): value is ResonantError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
