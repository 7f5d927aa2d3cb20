import { z } from 'zod';
import { functionSchema } from '../records/function-schema.js';
import { createBudgetReport, type BudgetReport } from './budget-report.js';
import { contextBudgetSchema, resolveContextBudget, type ContextBudgetInput } from './context-budget.js';
import { createContextGuard } from './context-guard.js';
import { CRISIS_DEFAULTS } from './is-crisis-memory.js';
import { shortReferences } from './memory-reference.js';
import { packContext, type ContextItem } from './pack-context.js';
import { COMPRESSION_JUDGE_DEFAULTS, judgementMean, type CompressionJudge } from '../compress/compression-judge.js';
import { createExtractiveSummarizer } from '../compress/extractive-summarizer.js';
import type { Summarizer } from '../compress/summarizer.js';
import { namespaceSchema } from '../records/namespace.js';
import { createTiktokenCounter } from '../text/token-counter.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { recallOptionsSchema } from '../recall/recall.js';
import {
  CONTEXT_DRILL_DOWN_DEFAULTS,
  drillDownHits,
  drillDownReport,
  type ContextDrillDown,
} from './drill-down-context.js';
import { rankMemories, reinforceMemories } from '../recall/rank-memories.js';

/** What `buildContext` uses when an option is left out. */
export const BUILD_CONTEXT_DEFAULTS = Object.freeze({
  /**
   * Relevance floor: recall candidates whose fused relevance (0..1, the best match of the query
   * scores about 1) is below this are not about the query and stay out. Crisis items are exempt.
   * @default 0.1
   */
  minRelevance: 0.1,
  /** `crisis` at or above this makes a crisis item (first, never compressed). @default 0.5 */
  crisisThreshold: CRISIS_DEFAULTS.threshold,
  /** @default true */
  reinforce: true,
  /** Coarse candidates considered: one per this many budget tokens... @default 10 */
  tokensPerCandidate: 10,
  /** ...but at least this many... @default 40 */
  minCandidates: 40,
  /** ...and at most this many. @default 400 */
  maxCandidates: 400,
});

export const buildContextOptionsSchema = z.object({
  namespace: namespaceSchema,
  query: recallOptionsSchema.shape.query,
  budget: contextBudgetSchema,
  model: z.string().min(1).max(200).optional(),
  now: recallOptionsSchema.shape.now,
  reinforce: z.boolean().default(BUILD_CONTEXT_DEFAULTS.reinforce),
  summarize: functionSchema.optional(),
  judge: functionSchema.optional(),
  minRelevance: z.number().min(0).max(1).default(BUILD_CONTEXT_DEFAULTS.minRelevance),
  crisisThreshold: z.number().min(0).max(1).default(BUILD_CONTEXT_DEFAULTS.crisisThreshold),
  maxRawTokens: z.number().int().min(1).max(100_000).optional(),
  filter: recallOptionsSchema.shape.filter,
  drillDown: z.boolean().default(true),
  preface: z.string().max(32_000).optional(),
});

/** What `buildContext` accepts. */
export interface BuildContextOptions {
  namespace: string;
  /** What the conversation is about now (usually the last user message). */
  query: string;
  /** Tokens for the memory block, or a whole window split by category. */
  budget: ContextBudgetInput;
  /** Picks the tiktoken encoding (`gpt-4o`, `cl100k_base`…); default: the memory's counter, else `o200k_base`. */
  model?: string;
  now?: Date;
  /** Reinforce the memories shown (full or summary), as recall does. @default true */
  reinforce?: boolean;
  /** Compresses memories; default: the memory's summarizer, else the offline extractive one. */
  summarize?: Summarizer;
  /** Optional quality judge of each summary shown; a mean mark under 3.5 adds a warning. */
  judge?: CompressionJudge;
  /** Relevance floor ({@link BUILD_CONTEXT_DEFAULTS}). */
  minRelevance?: number;
  /** Crisis threshold ({@link BUILD_CONTEXT_DEFAULTS}). */
  crisisThreshold?: number;
  /** ContextGuard limit in tokens (`CONTEXT_GUARD_DEFAULTS`). */
  maxRawTokens?: number;
  /**
   * Which memories may enter. Unlike recall, a context considers archived memories by default
   * (`includeArchived: true`): consolidation replaced them in recall, not in detail, so a raw turn
   * that matches the question still competes, and a summary enters only for what its raw memories
   * could not bring (see `packContext`).
   */
  filter?: z.input<typeof buildContextOptionsSchema>['filter'];
  /** Open consolidation summaries shown when budget is left over, adding raw memories below them. @default true */
  drillDown?: boolean;
  /** A section rendered before the memories (a persona's "on my mind"), counted inside the budget: its tokens are reserved before packing; left out if it alone does not fit. */
  preface?: string;
}

/** Something the caller should know about a context: a crisis item that did not fit, a weak summary. */
export interface ContextWarning {
  code: 'crisis_omitted' | 'low_compression_quality' | 'invalid_judgement';
  memoryId: string;
  message: string;
}

/** A context block for the prompt and the account of what went into it. */
export interface BuildContextResult {
  /** The memory block to put in the prompt; empty when nothing relevant fits. */
  text: string;
  /** Exact tokens of `text` in `encoding`; never more than the memory budget. */
  tokens: number;
  /** The tokenizer the count is for. */
  encoding: string;
  /** Every memory placed, in block order (crisis, then by day, then the aggregate line's members). */
  included: ContextItem[];
  /** Relevant memories (past the floor) that did not fit at all. */
  omitted: number;
  report: BudgetReport;
  warnings: ContextWarning[];
  /** Consolidation summaries shown that were opened with leftover budget, and their raw memories placed. */
  drillDown: ContextDrillDown[];
  /** Tokens the preface and the blank line after it added to `tokens` (0 when none was shown). */
  prefaceTokens: number;
}

/**
 * Builds the memory block for a prompt under an exact token budget: recall's candidates past a
 * relevance floor, crisis items first and whole, the rest shown in full, summarized or folded into
 * an aggregate line by salience until the block fits (see `packContext`). Memories shown are
 * reinforced like recalled ones. LLM calls (summarizer, judge) run before the single store write.
 */
export async function buildContext(context: MemoryContext, options: BuildContextOptions): Promise<BuildContextResult> {
  const parsed = parseInput(buildContextOptionsSchema, options, 'buildContext options');
  const now = parsed.now ?? context.clock();
  const resolved = resolveContextBudget(parsed.budget);
  const tokenCounter =
    parsed.model !== undefined
      ? createTiktokenCounter({ model: parsed.model })
      : (context.tokenCounter ?? createTiktokenCounter());
  // The preface ends in a blank line before '<memories>', where tiktoken's pre-tokenizer always splits: its count adds exactly.
  const preface = parsed.preface?.trim() ? `${parsed.preface.trim()}\n\n` : '';
  const prefaceTokens =
    preface && tokenCounter.count(preface) <= resolved.memoryTokens ? tokenCounter.count(preface) : 0;
  const budget = { ...resolved, memoryTokens: resolved.memoryTokens - prefaceTokens };
  const summarize = (options.summarize ??
    context.summarize ??
    createExtractiveSummarizer({ tokenCounter })) as Summarizer;
  const defaults = BUILD_CONTEXT_DEFAULTS;
  const candidates = Math.min(
    defaults.maxCandidates,
    Math.max(defaults.minCandidates, Math.ceil(budget.memoryTokens / defaults.tokensPerCandidate)),
  );
  const ranked =
    budget.memoryTokens === 0
      ? []
      : await rankMemories(context, {
          namespace: parsed.namespace,
          query: parsed.query,
          now,
          candidates,
          minRelevance: 0,
          filter: { includeArchived: true, ...parsed.filter },
        });
  const crisisThreshold = parsed.crisisThreshold;
  const hits = ranked.filter(
    (hit) =>
      hit.signals.relevance >= parsed.minRelevance ||
      hit.memory.crisis >= crisisThreshold ||
      hit.memory.metadata.crisis === true,
  );
  const references = await shortReferences(
    context.store,
    parsed.namespace,
    hits.map((hit) => hit.memory.id),
  );
  const packOptions = {
    hits,
    references,
    budgetTokens: budget.memoryTokens,
    tokenCounter,
    summarize,
    guard: createContextGuard(parsed.maxRawTokens === undefined ? {} : { maxRawTokens: parsed.maxRawTokens }),
    crisisThreshold,
    query: parsed.query,
  };
  let packed = await packContext(packOptions);
  // Budget left over and a consolidation summary shown: offer the raw memories below it too.
  const drilled =
    parsed.drillDown && budget.memoryTokens - packed.tokens >= CONTEXT_DRILL_DOWN_DEFAULTS.minSpareTokens
      ? await drillDownHits(context, {
          namespace: parsed.namespace,
          query: parsed.query,
          shown: packed.included,
          known: hits,
        })
      : null;
  if (drilled && drilled.hits.length > 0) {
    for (const [id, reference] of await shortReferences(
      context.store,
      parsed.namespace,
      drilled.hits.map((hit) => hit.memory.id),
    ))
      references.set(id, reference);
    packed = await packContext({ ...packOptions, hits: [...hits, ...drilled.hits] });
  }
  const warnings: ContextWarning[] = packed.omitted
    .filter((record) => record.crisis >= crisisThreshold || record.metadata.crisis === true)
    .map((record) => ({
      code: 'crisis_omitted',
      memoryId: record.id,
      message: `Crisis memory m:${record.id} did not fit the memory budget of ${budget.memoryTokens} tokens.`,
    }));
  if (options.judge) warnings.push(...(await judgeSummaries(options.judge, packed.included)));
  const included = parsed.reinforce
    ? await reinforceShown(context, parsed.namespace, packed.included, now)
    : packed.included;
  const shownPreface = prefaceTokens > 0 ? preface : '';
  const text = packed.text ? shownPreface + packed.text : shownPreface.trimEnd();
  const tokens = text === packed.text ? packed.tokens : tokenCounter.count(text);
  return {
    text,
    tokens,
    encoding: tokenCounter.encoding,
    included,
    omitted: packed.omitted.length,
    report: createBudgetReport(resolved, tokens),
    warnings,
    drillDown: drilled ? drillDownReport(drilled.from, packed.included) : [],
    prefaceTokens: tokens - packed.tokens,
  };
}

/** Runs the judge on every summary shown (in parallel), records valid marks, warns on weak or invalid ones. */
async function judgeSummaries(judge: CompressionJudge, included: ContextItem[]): Promise<ContextWarning[]> {
  const summaries = included.filter((item) => item.mode === 'summary' && item.compression);
  const verdicts = await Promise.all(
    summaries.map((item) => judge({ original: item.memory.text, summary: item.compression!.summary })),
  );
  const warnings: ContextWarning[] = [];
  summaries.forEach((item, index) => {
    const judgement = verdicts[index];
    const mean = judgementMean(judgement);
    if (mean === null) {
      warnings.push({
        code: 'invalid_judgement',
        memoryId: item.memory.id,
        message: `The judge gave ${item.reference} marks outside 1..5; ignored.`,
      });
      return;
    }
    item.compression!.judgement = {
      facts: judgement!.facts,
      causality: judgement!.causality,
      rationale: judgement!.rationale,
      actionability: judgement!.actionability,
    };
    if (mean < COMPRESSION_JUDGE_DEFAULTS.warnBelow) {
      warnings.push({
        code: 'low_compression_quality',
        memoryId: item.memory.id,
        message: `The summary of ${item.reference} scored ${mean.toFixed(2)} (under ${COMPRESSION_JUDGE_DEFAULTS.warnBelow}).`,
      });
    }
  });
  return warnings;
}

/** Shown in full or as a summary: what a context reinforces (aggregate members are only counted). */
const isShown = (item: ContextItem) => item.mode !== 'aggregate';

/** The ids of the memories a context shows (see `isShown`): those it reinforces. */
export function shownMemoryIds(included: readonly ContextItem[]): string[] {
  return included.filter(isShown).map((item) => item.memory.id);
}

/** Reinforces the memories shown in one write. */
async function reinforceShown(
  context: MemoryContext,
  namespace: string,
  included: ContextItem[],
  now: Date,
): Promise<ContextItem[]> {
  const records = await reinforceMemories(
    context,
    namespace,
    included.filter(isShown).map((item) => item.memory),
    now,
  );
  const updated = new Map(records.map((record) => [record.id, record]));
  return included.map((item) => ({ ...item, memory: updated.get(item.memory.id) ?? item.memory }));
}
