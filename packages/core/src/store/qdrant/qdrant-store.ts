import { z } from 'zod';
import { CapabilityMissingError } from '../../errors/capability-missing-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import { parseInput } from '../../errors/parse-input.js';
import type { InsertReport, MemoryStore, StoredMemory } from '../memory-store.js';
import type { DroppedUpdate } from './feedback-outbox.js';
import type { QdrantApi } from './qdrant-api.js';
import { QdrantCollectionStore } from './qdrant-collection-store.js';

/** What `qdrantStore` uses when an option is left out. */
export const QDRANT_STORE_DEFAULTS = Object.freeze({
  /** @default 'http://localhost:6333' */
  url: 'http://localhost:6333',
  /** One collection holds every namespace (namespace is its tenant key). @default 'resonant_memories' */
  collection: 'resonant_memories',
  /** The durable outbox for feedback and inserts Qdrant could not take. @default './.resonant/qdrant-outbox.db' */
  outboxPath: './.resonant/qdrant-outbox.db',
  /** Per request. @default 10000 */
  timeoutMs: 10_000,
  /** Tries after the first, on timeouts, 429, 5xx and network errors. @default 3 */
  retries: 3,
  /** First backoff; doubles per retry. @default 200 */
  retryDelayMs: 200,
  /** Longest backoff. @default 5000 */
  maxRetryDelayMs: 5_000,
  /** How long, after a failure, before the outbox is tried again. @default 5000 */
  outboxRetryMs: 5_000,
});

const optionsSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).optional(),
    apiKey: z.string().min(1).optional(),
    collection: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, 'collection must be 1-255 letters, digits, "_" or "-"')
      .optional(),
    outboxPath: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    retryDelayMs: z.number().int().min(0).optional(),
    maxRetryDelayMs: z.number().int().min(0).optional(),
    outboxRetryMs: z.number().int().min(0).optional(),
  })
  .strict();

/** Options of {@link qdrantStore}; all optional (see {@link QDRANT_STORE_DEFAULTS}). */
export type QdrantStoreOptions = z.input<typeof optionsSchema>;

/** What the feedback outbox holds for this store's collection. */
export interface OutboxStatus {
  /** Update batches and inserts waiting for Qdrant, replayed in order. */
  pending: number;
  /** Batches Qdrant refused for good (kept in the outbox file's `outbox_rejected` table). */
  rejected: number;
}

/**
 * A `MemoryStore` on Qdrant, plus its outbox. `update` never loses acknowledged feedback and
 * `insertOrQueue` never loses an acknowledged insert: when Qdrant cannot be reached they queue the
 * write durably and report its ids as queued (not checked to exist, or to be new); the queue is
 * replayed in order before the next queued write, on a timer, and on `flushOutbox()`.
 */
export interface QdrantMemoryStore extends MemoryStore {
  insertOrQueue(memories: readonly StoredMemory[]): Promise<InsertReport>;
  /** Replays queued writes now; resolves with what is still waiting. */
  flushOutbox(): Promise<OutboxStatus>;
  /** What the outbox holds right now. */
  outboxStatus(): OutboxStatus;
  /** Queued updates the replay dropped because their memory was not there (never applied), oldest first. */
  droppedUpdates(): DroppedUpdate[];
}

export type { DroppedUpdate };

/**
 * Selects Qdrant as the store: `createMemory({ store: qdrantStore({ url, apiKey, collection }) })`.
 * Needs the optional peer dependency `@qdrant/js-client-rest` (>= 1.16 server), loaded only when
 * the store opens, so the embedded store never requires it.
 */
export function qdrantStore(options: QdrantStoreOptions = {}): QdrantMemoryStore {
  const parsed = parseInput(optionsSchema, options, 'qdrantStore options');
  const url = parsed.url ?? QDRANT_STORE_DEFAULTS.url;
  const timeoutMs = parsed.timeoutMs ?? QDRANT_STORE_DEFAULTS.timeoutMs;
  const connect = async (): Promise<QdrantApi> => {
    let client: typeof import('@qdrant/js-client-rest');
    try {
      client = await import('@qdrant/js-client-rest');
    } catch (error) {
      throw new CapabilityMissingError(
        `The Qdrant store needs the package @qdrant/js-client-rest: install it next to @resonant/core (${(error as Error).message}).`,
      );
    }
    try {
      return new client.QdrantClient({ url, apiKey: parsed.apiKey, timeout: timeoutMs, checkCompatibility: false });
    } catch (error) {
      throw new StoreFailureError(`Cannot create a Qdrant client for ${url}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return new QdrantCollectionStore(
    {
      location: url,
      collection: parsed.collection ?? QDRANT_STORE_DEFAULTS.collection,
      outboxPath: parsed.outboxPath ?? QDRANT_STORE_DEFAULTS.outboxPath,
      retry: {
        retries: parsed.retries ?? QDRANT_STORE_DEFAULTS.retries,
        initialDelayMs: parsed.retryDelayMs ?? QDRANT_STORE_DEFAULTS.retryDelayMs,
        maxDelayMs: parsed.maxRetryDelayMs ?? QDRANT_STORE_DEFAULTS.maxRetryDelayMs,
      },
      outboxRetryMs: parsed.outboxRetryMs ?? QDRANT_STORE_DEFAULTS.outboxRetryMs,
    },
    connect,
  );
}
