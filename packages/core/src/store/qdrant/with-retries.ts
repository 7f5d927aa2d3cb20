/** How often and how patiently a failed Qdrant call is tried again. */
export interface RetryPolicy {
  /** Tries after the first one. */
  readonly retries: number;
  /** Wait before the first retry; doubles each time. */
  readonly initialDelayMs: number;
  /** Longest single wait. */
  readonly maxDelayMs: number;
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True when Qdrant's answer could not be understood: a body that is not JSON (the client's
 * `JSON.parse` fails), an empty result, or a shape the store's checks refused.
 */
export function isMalformedQdrantResponse(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'MalformedQdrantResponse' || name === 'SyntaxError' || message === 'Result came uninitialized';
}

/**
 * True for failures worth retrying and, for feedback, worth queueing in the outbox: timeouts, rate
 * limits (429), server errors (5xx), network errors (no connection, reset, DNS) and malformed
 * answers (after which a write may or may not have landed; every write the store sends is
 * idempotent, so sending it again is safe). Recognised by
 * shape, not class, so it works with any copy of the client: its errors carry `status` (ApiError)
 * or a name (`QdrantClientTimeoutError`, `QdrantClientResourceExhaustedError`); undici's network
 * failures are a `TypeError('fetch failed')` with a coded cause.
 */
export function isTransientQdrantError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status, message, cause, code } = error as {
    name?: unknown;
    status?: unknown;
    message?: unknown;
    cause?: unknown;
    code?: unknown;
  };
  if (isMalformedQdrantResponse(error)) return true;
  if (
    name === 'QdrantClientTimeoutError' ||
    name === 'QdrantClientResourceExhaustedError' ||
    name === 'AbortError' ||
    name === 'TimeoutError'
  )
    return true;
  if (typeof status === 'number') return status === 408 || status === 429 || status >= 500;
  if (typeof message === 'string') {
    const unexpected = /^Unexpected Response: (\d{3})/.exec(message);
    if (unexpected) return Number(unexpected[1]) >= 500;
  }
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
  if (name === 'TypeError' && message === 'fetch failed') return true;
  return cause !== undefined && cause !== error && isTransientQdrantError(cause);
}

/** Seconds to wait that a rate-limit error asks for, if any. */
function retryAfterMs(error: unknown): number | undefined {
  const seconds = (error as { retry_after?: unknown } | null)?.retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `step`, retrying transient failures with exponential backoff (honouring a server's
 * retry-after, capped at `maxDelayMs`). Rethrows the last error as it was; the caller types it.
 */
export async function withRetries<T>(
  step: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = sleepFor,
): Promise<T> {
  let delay = policy.initialDelayMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= policy.retries || !isTransientQdrantError(error)) throw error;
      await sleep(Math.min(policy.maxDelayMs, retryAfterMs(error) ?? delay));
      delay *= 2;
    }
  }
}
