/** Defaults of the {@link ContextGuard}. */
export const CONTEXT_GUARD_DEFAULTS = Object.freeze({
  /**
   * Longest text injected raw, in tokens: the seed's 500 characters, at about 4 characters per
   * English token. Longer memories are summarized first. @default 128
   */
  maxRawTokens: 128,
});

/**
 * Keeps long texts out of the context in raw form: anything over `maxRawTokens` must be
 * summarized before it is injected. Crisis memories are the one exception (never compressed).
 */
export interface ContextGuard {
  readonly maxRawTokens: number;
  /** True when a text of this many tokens may be injected as it is. */
  admitsRaw(tokens: number): boolean;
}

/** A {@link ContextGuard} with the given limit (default {@link CONTEXT_GUARD_DEFAULTS}). */
export function createContextGuard(options: { maxRawTokens?: number } = {}): ContextGuard {
  const maxRawTokens = options.maxRawTokens ?? CONTEXT_GUARD_DEFAULTS.maxRawTokens;
  return Object.freeze({ maxRawTokens, admitsRaw: (tokens: number) => tokens <= maxRawTokens });
}
