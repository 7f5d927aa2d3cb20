import { z } from 'zod';
import { memoryMetadataSchema } from '../records/json-value.js';
import { memoryKindSchema } from '../records/memory-kind.js';
import { namespaceSchema } from '../records/namespace.js';
import { fineRankSignalSchema } from './fine-rank-signal.js';
import type { RecallHit } from './rank-candidates.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { rankMemories, reinforceHits } from './rank-memories.js';

/** Longest query accepted, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 8_000;

/** What `recall` uses when an option is left out. */
export const RECALL_DEFAULTS = Object.freeze({
  /** @default 10 */
  limit: 10,
  /** @default true */
  reinforce: true,
  /** The coarse stage hands the fine stage this many candidates per requested hit. @default 4 */
  candidatesPerHit: 4,
  /** ...and never fewer than this. @default 40 */
  minCandidates: 40,
  /** Candidates whose fused relevance (0..1, an absolute floor) is below this are not memories of the query. @default 0.05 */
  minRelevance: 0.05,
});

const validDate = z.date().refine((date) => Number.isFinite(date.getTime()), 'date must be valid');

export const recallOptionsSchema = z.object({
  namespace: namespaceSchema,
  query: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .refine((query) => query.trim().length > 0, 'query must not be empty')
    .refine((query) => query.isWellFormed(), 'query must be well-formed Unicode'),
  limit: z.number().int().min(1).max(1000).default(RECALL_DEFAULTS.limit),
  now: validDate.optional(),
  reinforce: z.boolean().default(RECALL_DEFAULTS.reinforce),
  minRelevance: z.number().min(0).max(1).default(RECALL_DEFAULTS.minRelevance),
  filter: z
    .object({
      kind: z.array(memoryKindSchema).optional(),
      metadata: memoryMetadataSchema.optional(),
      includeArchived: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /** Expansion along entity and temporal links (see `EXPANSION_DEFAULTS`): absent means off; `{}` means 1 hop. */
  expand: z
    .object({ hops: z.number().int().min(0).max(2).optional(), decay: z.number().min(0).max(1).optional() })
    .strict()
    .optional(),
  /** A caller's extra fine-stage signal (e.g. from `@resonant/core/research`); absent means none. */
  extraSignal: fineRankSignalSchema.optional(),
});

/** What `recall` accepts. */
export type RecallOptions = z.input<typeof recallOptionsSchema>;

/**
 * Two-stage recall: the store's coarse stage (BM25 + vector, fused) picks a few dozen candidates,
 * the fine stage re-ranks them with recency, arousal, utility and phrase signals, and the returned
 * memories are reinforced (last access = now, access count + 1) in one write.
 */
export async function recall(context: MemoryContext, options: RecallOptions): Promise<RecallHit[]> {
  const parsed = parseInput(recallOptionsSchema, options, 'recall options');
  const now = parsed.now ?? context.clock();
  const ranked = await rankMemories(context, {
    namespace: parsed.namespace,
    query: parsed.query,
    now,
    candidates: Math.max(RECALL_DEFAULTS.minCandidates, parsed.limit * RECALL_DEFAULTS.candidatesPerHit),
    minRelevance: parsed.minRelevance,
    filter: parsed.filter,
    expand: parsed.expand,
    extraSignal: parsed.extraSignal,
  });
  const hits = ranked.slice(0, parsed.limit);
  return parsed.reinforce ? reinforceHits(context, parsed.namespace, hits, now) : hits;
}
