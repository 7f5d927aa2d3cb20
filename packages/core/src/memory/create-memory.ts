import { z } from 'zod';
import { functionSchema } from '../records/function-schema.js';
import { type VectorIndexOptions, vectorIndexOptionsSchema } from '../store/index/vector-index-options.js';
import type { Summarizer } from '../compress/summarizer.js';
import type { Embedder } from '../embed/embedder.js';
import { embedderSchema } from '../embed/embedder-schema.js';
import { createHashedEmbedder } from '../embed/hashed-embedder.js';
import { RewardNormalizer } from '../affect/normalize-rewards.js';
import { FORGETTING_DEFAULTS, type ForgettingCurve } from '../recall/forgetting-curve.js';
import { FUSION_DEFAULTS, type FusionOptions } from '../recall/fuse-rankings.js';
import { HASHED_EMBEDDER_FUSION } from '../recall/hashed-embedder-fusion.js';
import { LEXICAL_SEARCH_DEFAULTS, type LexicalSearchOptions } from '../recall/lexical-search-options.js';
import { RANKING_DEFAULTS, rankingWeightsSchema, type RankingWeights } from '../recall/ranking-weights.js';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryStore } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { TokenCounter } from '../text/token-counter.js';
import { generateId } from './generate-id.js';
import { ResonantMemory, type Memory } from './memory.js';
import { parseInput } from '../errors/parse-input.js';

/** What `createMemory` uses when an option is left out. */
export const MEMORY_DEFAULTS = Object.freeze({
  /** The embedded store's file, relative to the working directory. @default './.resonant/memory.db' */
  path: './.resonant/memory.db',
});

/** Options of {@link createMemory}; every field is optional. */
export interface CreateMemoryOptions {
  /** SQLite file of the embedded store (`MEMORY_DEFAULTS.path`); `:memory:` for a throwaway one. Mutually exclusive with `store`. */
  path?: string;
  /** The embedded store's nearest-neighbour index (see `SqliteStoreOptions.vectorIndex`); only without `store`. */
  vectorIndex?: VectorIndexOptions;
  /** Another store (for example Qdrant). Mutually exclusive with `path`. */
  store?: MemoryStore;
  /** Embedding model; default: the offline hashed embedder (384 dimensions). */
  embedder?: Embedder;
  /** Source of "now"; inject a fixed clock in tests and simulations. */
  clock?: () => Date;
  /** Fine-stage weights; unspecified ones keep their defaults (`RANKING_DEFAULTS`). */
  ranking?: Partial<RankingWeights>;
  /** Recall's lexical channel (BM25, query expansion, date boost, context spread); unspecified fields keep `LEXICAL_SEARCH_DEFAULTS`. */
  lexical?: Partial<LexicalSearchOptions>;
  /** Fusion of the lexical and vector channels; unspecified fields keep `FUSION_DEFAULTS` (`HASHED_EMBEDDER_FUSION` without an `embedder`). */
  fusion?: Partial<FusionOptions>;
  /** Id generator for new memories; default: 12 random base32 characters. */
  generateId?: () => string;
  /** Counts tokens for `buildContext` calls that name no model; default: tiktoken `o200k_base`. */
  tokenCounter?: TokenCounter;
  /** Compresses memories for `buildContext` calls that bring none; default: the offline extractive summarizer. */
  summarize?: Summarizer;
  /** Forgetting curve and emotional recall (joy, aversion, reflex, flashbacks); unspecified ones keep `FORGETTING_DEFAULTS`. */
  forgetting?: Partial<Omit<ForgettingCurve, 'random'>>;
  /** Random source 0..1 (trauma flashbacks); inject a seeded one in tests. Default `Math.random`. */
  random?: () => number;
  /**
   * Namespaces whose search index starts loading in the background as soon as the store is open
   * (`Memory.warm`), so the first recall after launch does not wait for it. A failure there is
   * left to that recall, which loads the index itself and reports it.
   */
  warm?: readonly string[];
}

const forgettingSchema = z
  .object({
    halfLifeDays: z.number().positive().max(100_000),
    growthPerRecall: z.number().min(0).max(100),
    longTermAfterRecalls: z.number().int().min(0),
    longTermHalfLifeDays: z.number().positive().max(100_000),
    reflexAfterRecalls: z.number().int().min(0),
    joyLift: z.number().min(0).max(1),
    joyHalfLifeDays: z.number().positive().max(100_000),
    aversionPenalty: z.number().min(0).max(1),
    directRelevance: z.number().min(0).max(1),
    flashbackChance: z.number().min(0).max(1),
  })
  .partial()
  .strict();

const lexicalSchema = z
  .object({
    bm25: z.object({ k1: z.number().min(0).max(100), b: z.number().min(0).max(1) }).strict(),
    expansionWeight: z.number().min(0).max(1),
    contextSpread: z
      .object({
        weight: z.number().min(0).max(1),
        decay: z.number().min(0).max(1),
        reach: z.number().int().min(0).max(50),
        maxGapMs: z.number().min(0),
      })
      .strict(),
    dateBoost: z.number().min(0).max(100),
    questionDiscount: z.number().min(0).max(1),
    feedback: z
      .object({
        documents: z.number().int().min(0).max(100),
        terms: z.number().int().min(0).max(100),
        weight: z.number().min(0).max(1),
        minDocuments: z.number().int().min(1).max(100),
      })
      .strict(),
  })
  .partial()
  .strict();

const fusionSchema = z
  .object({
    method: z.enum(['rrf', 'score']),
    lexicalWeight: z.number().min(0).max(1),
    rrfK: z.number().min(0),
    minVectorSimilarity: z.number().min(-1).max(1),
    vectorReference: z.number().positive(),
  })
  .partial()
  .strict();

const optionsSchema = z
  .object({
    path: z.string().min(1).optional(),
    vectorIndex: vectorIndexOptionsSchema.optional(),
    store: z
      .custom<MemoryStore>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          'lexicalCandidates' in value &&
          'vectorCandidates' in value &&
          'insert' in value,
        'must be a MemoryStore',
      )
      .optional(),
    embedder: embedderSchema.optional(),
    clock: functionSchema.optional(),
    ranking: rankingWeightsSchema.optional(),
    lexical: lexicalSchema.optional(),
    fusion: fusionSchema.optional(),
    generateId: functionSchema.optional(),
    tokenCounter: z
      .custom<TokenCounter>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as TokenCounter).encoding === 'string' &&
          typeof (value as TokenCounter).count === 'function',
        'must be a TokenCounter ({ encoding, count })',
      )
      .optional(),
    summarize: functionSchema.optional(),
    forgetting: forgettingSchema.optional(),
    random: functionSchema.optional(),
    warm: z.array(namespaceSchema).optional(),
  })
  .strict()
  .refine(
    (options) => !(options.path !== undefined && options.store !== undefined),
    'give either path or store, not both',
  )
  .refine(
    (options) => !(options.vectorIndex !== undefined && options.store !== undefined),
    'vectorIndex configures the embedded store: pass it to your store instead',
  );

/**
 * Opens (or creates) a memory. By default: an embedded SQLite store at `./.resonant/memory.db`
 * and the offline hashed embedder, so it works with no server, no key and no download.
 */
export async function createMemory(options: CreateMemoryOptions = {}): Promise<Memory> {
  const parsed = parseInput(optionsSchema, options, 'createMemory options');
  const embedder = options.embedder ?? createHashedEmbedder();
  const store =
    options.store ??
    new SqliteStore({
      path: options.path ?? MEMORY_DEFAULTS.path,
      ...(options.vectorIndex ? { vectorIndex: options.vectorIndex } : {}),
    });
  await store.open({ embedderId: embedder.id, dimensions: embedder.dimensions });
  const memory = new ResonantMemory({
    store,
    embedder,
    clock: options.clock ?? (() => new Date()),
    generateId: options.generateId ?? generateId,
    coarse: Object.freeze({
      lexical: Object.freeze({ ...LEXICAL_SEARCH_DEFAULTS, ...parsed.lexical }),
      // The offline hashed embedder's vectors add nothing BM25 does not measure better (see HASHED_EMBEDDER_FUSION).
      fusion: Object.freeze({ ...(options.embedder ? FUSION_DEFAULTS : HASHED_EMBEDDER_FUSION), ...parsed.fusion }),
    }),
    ranking: Object.freeze({ ...RANKING_DEFAULTS, ...parsed.ranking }),
    ...(options.tokenCounter ? { tokenCounter: options.tokenCounter } : {}),
    ...(options.summarize ? { summarize: options.summarize } : {}),
    forgetting: Object.freeze({
      ...FORGETTING_DEFAULTS,
      ...parsed.forgetting,
      ...(options.random ? { random: options.random as () => number } : {}),
    }),
    rewardNormalizer: new RewardNormalizer(),
  });
  // Not awaited: the point is to return now. The catch only keeps a failure from being an
  // unhandled rejection; the namespace's first recall loads again and reports it.
  for (const namespace of parsed.warm ?? []) memory.warm({ namespace }).catch(() => undefined);
  return memory;
}
