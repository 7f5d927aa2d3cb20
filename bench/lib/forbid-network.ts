/** The network calls a benchmark refused; a peer that reaches out shows up here instead of on the wire. */
export interface NetworkGuard {
  readonly attempts: readonly string[];
  /** Puts the original `fetch` back. */
  restore(): void;
}

/**
 * Replaces the global `fetch` with one that records the address and rejects, so a third-party
 * library measured here cannot send telemetry or call a hosted model without the result saying so.
 */
export function forbidNetwork(): NetworkGuard {
  const attempts: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input) => {
    const address = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    attempts.push(address);
    throw new TypeError(`network is off in this benchmark (refused ${address})`);
  };
  return {
    attempts,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
