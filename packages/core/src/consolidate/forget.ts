import { z } from 'zod';
import { resolveReferences } from '../budget/memory-reference.js';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { Summarizer } from '../compress/summarizer.js';
import { forgetThroughSummaries } from './forget-through-summaries.js';
import { namespaceSchema } from '../records/namespace.js';
import { createTiktokenCounter } from '../text/token-counter.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

export const forgetOptionsSchema = z.object({
  namespace: namespaceSchema,
  ids: z.array(z.string().min(1).max(128)).max(10_000),
  summarize: z.custom<Summarizer>((value) => typeof value === 'function', 'must be a function').optional(),
});

/** What `forget` accepts: ids outside the namespace are left alone. */
export interface ForgetOptions {
  namespace: string;
  /**
   * The memories to delete. A summary's id deletes that summary (and rewrites those above it); the
   * memories it summarized stay, as `drillDown` lists them: forget their ids to remove what it said.
   */
  ids: string[];
  /** Rewrites the summaries above forgotten memories; default: the memory's summarizer, else the offline extractive one. Never called inside a transaction. */
  summarize?: Summarizer;
}

/** What `forget` did. */
export interface ForgetResult {
  /** Ids that existed in the namespace and are now gone. */
  forgotten: string[];
  /** Consolidation summaries above them, rewritten from their remaining children so that none quotes a forgotten memory. */
  summariesRewritten: string[];
  /** Consolidation summaries above them that summarized nothing else, deleted. */
  summariesRemoved: string[];
  /**
   * Whether summaries above the memories were looked for. False on a store without the graph
   * capability: it has no links from summaries to their children, so only the memories themselves
   * were deleted (such a store cannot consolidate, but summaries imported into it stay as they are).
   */
  summariesChecked: boolean;
}

/**
 * Deletes memories of one namespace for good (text, vector, index entries, links) and, with the
 * graph capability, what consolidation derived from them: every summary above a forgotten memory
 * is rewritten from its remaining children or, left with none, deleted; entities that nothing
 * mentions any more go too. All of it is one transaction (see `forgetThroughSummaries`).
 */
export async function forget(context: MemoryContext, options: ForgetOptions): Promise<ForgetResult> {
  const input = parseInput(forgetOptionsSchema, options, 'forget options');
  // A model forgets what it was shown: `m:` references and unique id prefixes name memories too.
  const cited =
    input.ids.length > 0
      ? await resolveReferences(context.store, input.namespace, input.ids)
      : new Map<string, string>();
  const parsed = { ...input, ids: [...new Set(input.ids.map((id) => cited.get(id) ?? id))] };
  const graph = context.store.graph;
  if (!graph)
    return {
      forgotten: await context.store.delete(parsed.namespace, parsed.ids),
      summariesRewritten: [],
      summariesRemoved: [],
      summariesChecked: false,
    };
  const outcome = await forgetThroughSummaries(context.store, graph, {
    namespace: parsed.namespace,
    ids: parsed.ids,
    now: context.clock(),
    embedder: context.embedder,
    composer: () => {
      const tokenCounter = context.tokenCounter ?? createTiktokenCounter();
      return {
        tokenCounter,
        summarize: options.summarize ?? context.summarize ?? createExtractiveSummarizer({ tokenCounter }),
      };
    },
  });
  return { ...outcome, summariesChecked: true };
}
