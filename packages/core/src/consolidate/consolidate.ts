import { z } from 'zod';
import { functionSchema } from '../records/function-schema.js';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { Summarizer } from '../compress/summarizer.js';
import { consolidateNamespace, type ConsolidateResult, type ConsolidationProgress } from './consolidate-namespace.js';
import { CONSOLIDATION_DEFAULTS } from './consolidation-settings.js';
import { namespaceSchema } from '../records/namespace.js';
import { createTiktokenCounter } from '../text/token-counter.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

const days = z.union([z.number().min(0), z.literal(Number.POSITIVE_INFINITY)]);
const perLevel = <T extends z.ZodType>(item: T) => z.tuple([item, item, item, item]);

export const consolidateOptionsSchema = z
  .object({
    namespace: namespaceSchema,
    now: z
      .date()
      .refine((date) => Number.isFinite(date.getTime()), 'date must be valid')
      .optional(),
    summarize: functionSchema.optional(),
    onProgress: functionSchema.optional(),
    sessionGapMinutes: z
      .number()
      .min(1)
      .max(24 * 60)
      .optional(),
    retentionDays: perLevel(days).optional(),
    budgetChars: perLevel(z.number().int().min(40).max(20_000)).optional(),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60)
      .optional(),
  })
  .strict();

/** What `consolidate` accepts; settings left out keep {@link CONSOLIDATION_DEFAULTS}. */
export interface ConsolidateOptions {
  namespace: string;
  /** The time the run considers "now" (which sessions and days are over, which retention windows passed). */
  now?: Date;
  /** Writes summaries; default: the memory's summarizer, else the offline extractive one. Never called inside a transaction. */
  summarize?: Summarizer;
  /** Called after each step with how far the run is (the CLI draws a progress bar from it). */
  onProgress?: (progress: ConsolidationProgress) => void;
  sessionGapMinutes?: number;
  /** Days per level (session, day, week, milestone) after which a summary's children are archived. */
  retentionDays?: [number, number, number, number];
  /** Most characters per summary, per level. */
  budgetChars?: [number, number, number, number];
  /** Where days begin: minutes east of UTC. */
  utcOffsetMinutes?: number;
}

/** Builds the summary levels of a namespace, archives what they replace and repairs entity links (see `consolidateNamespace`). */
export async function consolidate(context: MemoryContext, options: ConsolidateOptions): Promise<ConsolidateResult> {
  const parsed = parseInput(consolidateOptionsSchema, options, 'consolidate options');
  const tokenCounter = context.tokenCounter ?? createTiktokenCounter();
  return consolidateNamespace(context.store, {
    namespace: parsed.namespace,
    now: parsed.now ?? context.clock(),
    summarize: options.summarize ?? context.summarize ?? createExtractiveSummarizer({ tokenCounter }),
    tokenCounter,
    embedder: context.embedder,
    onProgress: options.onProgress,
    settings: {
      ...CONSOLIDATION_DEFAULTS,
      ...(parsed.sessionGapMinutes !== undefined && { sessionGapMinutes: parsed.sessionGapMinutes }),
      ...(parsed.retentionDays !== undefined && { retentionDays: parsed.retentionDays }),
      ...(parsed.budgetChars !== undefined && { budgetChars: parsed.budgetChars }),
      ...(parsed.utcOffsetMinutes !== undefined && { utcOffsetMinutes: parsed.utcOffsetMinutes }),
    },
  });
}
