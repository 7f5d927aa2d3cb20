import type { CompressionJudgement } from '../compress/compression-judge.js';
import type { RetentionScore } from '../compress/retention-score.js';
import type { Summarizer } from '../compress/summarizer.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import type { TokenCounter } from '../text/token-counter.js';
import type { ContextGuard } from './context-guard.js';
import { isCrisisMemory } from './is-crisis-memory.js';
import { memoryReference } from './memory-reference.js';
import { ContextPlan, type PlanItem } from './context-plan.js';
import { DensityQueue } from './density-queue.js';
import { QueryCoverage, type CoverageProfile } from './query-coverage.js';
import { formatDate, renderEntryLine, sortByTime } from './render-memory-block.js';
import { memorySalience } from './salience.js';
import { summarizeCandidate } from './summarize-candidate.js';

/** The knobs of packing by useful content per token. */
export const PACK_CONTEXT_DEFAULTS = Object.freeze({
  /**
   * A memory's weight is `relevance^(scoreExponent − 1) × score × (1 + salienceBoost × salience)`:
   * the power spreads relevance apart (not the fine-stage signals, which the score carries once), so
   * a clearly better match is worth several shorter, weaker ones. LoCoMo dev, evidence text at
   * 1,000 tokens, the other conversations / held-out conv-41: 4 gave 0.884 / 0.882, 6 0.894 / 0.897,
   * 8 0.895 / 0.897, 12 0.906 / 0.894 (the held-out one falls past 8). @default 8
   */
  scoreExponent: 8,
  /** See `scoreExponent`: a fully salient memory weighs this much more. @default 0.25 */
  salienceBoost: 0.25,
  /**
   * What a line is worth is `weight × (1 + coverageBonus × gain)`, where gain is the share of the
   * query's (rarity-weighted) terms it shows that no chosen line shows yet: new facts before repeats.
   * A consolidation summary is worth only `weight × coverageBonus × gain`: it enters only for what
   * the raw memories chosen did not cover. @default 1
   */
  coverageBonus: 1,
  /** A summary line is worth `0.3 + 0.7 × retention` of its memory's full line. */
  summaryFloor: 0.3,
  /** Most summarizer calls one context makes for lines that do not fit in full. @default 8 */
  maxSummaryTries: 8,
});

/** How a memory appears in the context: in full, as a summary, or counted in the aggregate line. */
export type ContextMode = 'full' | 'summary' | 'aggregate';

/** How a summary in the context was made and what it kept. */
export interface CompressionInfo {
  /** `stored`: the memory's own summary; `summarizer`: produced for this context. */
  source: 'stored' | 'summarizer';
  /** The summary as shown (before escaping). */
  summary: string;
  /** Tokens of the original text and of the summary. */
  originalTokens: number;
  summaryTokens: number;
  /** The adaptive target asked of the summarizer (see `compressionRatio`). */
  targetTokens: number;
  /** LLM-free quality check: share of names, numbers, dates and key terms kept. */
  retention: RetentionScore;
  /** The optional judge's marks, when one was given and answered validly. */
  judgement?: CompressionJudgement;
}

/** One memory placed in a context. */
export interface ContextItem {
  memory: MemoryRecord;
  mode: ContextMode;
  /** Tokens of its line (for aggregate members, an even share of the aggregate line). */
  tokens: number;
  /** What the model cites: `m:<id>`. */
  reference: string;
  /** Its recall score 0..1. */
  score: number;
  /** Its salience 0..1 (see `memorySalience`). */
  salience: number;
  /** Present for `summary` items. */
  compression?: CompressionInfo;
}

/** What packing needs: ranked hits (past the relevance floor) and the tools to measure and compress them. */
export interface PackContextOptions {
  hits: readonly RecallHit[];
  budgetTokens: number;
  tokenCounter: TokenCounter;
  summarize: Summarizer;
  guard: ContextGuard;
  crisisThreshold: number;
  /** What the conversation is about: lines that cover more of its terms are worth more. */
  query?: string;
  /** How to cite each memory (by id; see `shortReferences`); default `m:<id>`. */
  references?: ReadonlyMap<string, string>;
}

/** A packed context: the block, its exact token count, and where every hit went. */
export interface PackedContext {
  text: string;
  tokens: number;
  included: ContextItem[];
  /** Hits left out entirely. */
  omitted: MemoryRecord[];
}

/**
 * Fits ranked memories into an exact token budget, choosing by useful content per token:
 * 1. `placeCrisisItems`: crisis items first, whole (the lightest dropped when even they do not fit);
 * 2. `chooseLines`: greedily the line worth most per token it adds (its weight, raised by the query
 *    terms it newly covers; a date line counts when it opens a day), raw text before any summary,
 *    a summary only where the text cannot be shown (over the ContextGuard, or no longer fitting);
 * 3. `foldLeftovers`: relevant memories that found no room share one aggregate line, only when the
 *    budget still has room for it;
 * 4. `renderWithinBudget`: the block is rendered and counted exactly, dropping the least worth per
 *    token until it fits. `tokens` ≤ `budgetTokens` always.
 */
export async function packContext(options: PackContextOptions): Promise<PackedContext> {
  const { tokenCounter: counter, budgetTokens } = options;
  const items = measureCandidates(options);
  const plan = new ContextPlan(items, counter);
  if (items.length === 0 || budgetTokens <= plan.frameTokens) return emptyContext(items);
  placeCrisisItems(plan, budgetTokens);
  await chooseLines(plan, options);
  foldLeftovers(plan, budgetTokens);
  return renderWithinBudget(plan, budgetTokens, counter);
}

/** Each hit as a plan item, left out, with its weight and the tokens of its text and its full line. */
function measureCandidates(options: PackContextOptions): PlanItem[] {
  const { tokenCounter: counter } = options;
  const { scoreExponent, salienceBoost } = PACK_CONTEXT_DEFAULTS;
  return options.hits.map((hit, rank): PlanItem => {
    const crisis = isCrisisMemory(hit.memory, options.crisisThreshold);
    const salience = memorySalience(hit.memory);
    const reference = options.references?.get(hit.memory.id) ?? memoryReference(hit.memory.id);
    return {
      hit,
      record: hit.memory,
      reference,
      rank,
      crisis,
      salience,
      weight: hit.signals.relevance ** (scoreExponent - 1) * hit.score * (1 + salienceBoost * salience),
      day: formatDate(hit.memory.createdAt),
      rawTokens: counter.count(hit.memory.text),
      fullTokens: counter.count(
        renderEntryLine({ record: hit.memory, form: 'full', content: hit.memory.text, crisis, reference }),
      ),
      summary: undefined,
      form: 'omitted',
    };
  });
}

/** Crisis items in full, heaviest first, each while it fits: never compressed, never behind others. */
function placeCrisisItems(plan: ContextPlan, budgetTokens: number): void {
  const crisis = plan.items.filter((item) => item.crisis).sort(byWeight);
  for (const item of crisis) {
    plan.setForm(item, 'full');
    if (plan.estimate() > budgetTokens) plan.setForm(item, 'omitted');
  }
}

/**
 * The greedy knapsack of step 2: repeatedly the candidate line worth most per token it adds that
 * still fits. A memory the ContextGuard refuses raw, or whose full line no longer fits, may show
 * as a summary that keeps the query's words (a few summarizer calls at most). Lazy: a line's worth
 * only falls as others cover the query, so each waits in a queue with its last measured density and
 * is measured again when it comes up; opening a day makes its other lines cheaper, so they are
 * measured again at once.
 */
async function chooseLines(plan: ContextPlan, options: PackContextOptions): Promise<void> {
  const { budgetTokens, guard } = options;
  const { coverageBonus, maxSummaryTries } = PACK_CONTEXT_DEFAULTS;
  const open = plan.items.filter((item) => !item.crisis);
  const coverage = new QueryCoverage(
    options.query ?? '',
    open.map((item) => item.record.text),
  );
  const profiles = new Map<PlanItem, { full: CoverageProfile; summary: CoverageProfile | null }>();
  for (const item of plan.items) profiles.set(item, { full: coverage.profile(item.record.text), summary: null });
  for (const item of plan.items) if (item.form === 'full') coverage.cover(profiles.get(item)!.full);
  const isSummaryRecord = (item: PlanItem) => item.record.kind === 'summary' && item.record.level !== null;
  const profileOf = (item: PlanItem, form: 'full' | 'summary') =>
    form === 'full' ? profiles.get(item)!.full : profiles.get(item)!.summary!;
  const room = () => budgetTokens - plan.estimate();
  // The form a left-out memory would show in now: its text when the guard and the room allow, else its summary.
  const formFor = (item: PlanItem): 'full' | 'summary' | null =>
    guard.admitsRaw(item.rawTokens) && plan.entryCost(item, 'full') <= room()
      ? 'full'
      : item.summary && plan.entryCost(item, 'summary') <= room()
        ? 'summary'
        : null;
  const density = (item: PlanItem, form: 'full' | 'summary'): number => {
    const gain = coverage.gain(profileOf(item, form));
    const value = isSummaryRecord(item) ? coverageBonus * gain : 1 + coverageBonus * gain;
    return (item.weight * value * (form === 'full' ? 1 : summaryWorth(item))) / plan.entryCost(item, form);
  };
  const queue = new DensityQueue<PlanItem>();
  const measure = (item: PlanItem): void => {
    const form = item.form === 'omitted' ? formFor(item) : null;
    if (form === null) queue.remove(item);
    else queue.push(item, density(item, form), item.rank);
  };
  const byDay = new Map<string, PlanItem[]>();
  for (const item of open) byDay.set(item.day, [...(byDay.get(item.day) ?? []), item]);

  let summaryTries = 0;
  // Makes the candidate's summary once, if the summarizer budget allows; true when its line fits `space`.
  const summarizeWithin = async (item: PlanItem, space: number): Promise<boolean> => {
    if (item.summary === undefined && summaryTries < maxSummaryTries && space >= SUMMARY_MIN_LINE_TOKENS) {
      summaryTries++;
      const pressure = Math.min(1, budgetTokens / Math.max(1, plan.estimate() + item.fullTokens));
      const queryWords = coverage.termsIn(profiles.get(item)!.full);
      item.summary = await summarizeCandidate(item, { ...options, maxLineTokens: space, room: pressure, queryWords });
      if (item.summary) profiles.get(item)!.summary = coverage.profile(item.summary.content);
    }
    return item.summary != null && item.summary.tokens <= space;
  };
  // Memories too long to show raw compete as summaries from the start, the heaviest first.
  for (const item of open
    .filter((candidate) => !guard.admitsRaw(candidate.rawTokens) && !isSummaryRecord(candidate))
    .sort(byWeight)) {
    await summarizeWithin(item, budgetTokens - plan.frameTokens);
  }
  for (const item of open) measure(item);
  for (;;) {
    const next = queue.pop();
    if (next !== null) {
      const form = formFor(next.item);
      if (form === null) continue;
      const current = density(next.item, form);
      // Worth less than when it was queued: measured again, it waits its turn.
      if (current < next.density && current < queue.peekDensity()) {
        queue.push(next.item, current, next.item.rank);
        continue;
      }
      const opensDay = plan.entryCost(next.item, form) > plan.lineTokens(next.item, form);
      plan.setForm(next.item, form);
      coverage.cover(profileOf(next.item, form));
      if (opensDay) for (const sameDay of byDay.get(next.item.day) ?? []) measure(sameDay);
      continue;
    }
    // Nothing fits as it is: the heaviest memory left out may still fit summarized.
    let summarized: PlanItem | null = null;
    const space = room();
    for (const item of open
      .filter(
        (candidate) => candidate.form === 'omitted' && candidate.summary === undefined && !isSummaryRecord(candidate),
      )
      .sort(byWeight)) {
      const dateLine = plan.entryCost(item, 'full') - item.fullTokens;
      if (await summarizeWithin(item, space - dateLine)) {
        summarized = item;
        break;
      }
      if (summaryTries >= maxSummaryTries) break;
    }
    if (summarized === null) return;
    measure(summarized);
  }
}

/** Shortest summary line worth making room for (reference, marker and a short clause). */
const SUMMARY_MIN_LINE_TOKENS = 16;

/** A summary line is worth what it keeps of its memory's key content. */
function summaryWorth(item: PlanItem): number {
  return (
    PACK_CONTEXT_DEFAULTS.summaryFloor + (1 - PACK_CONTEXT_DEFAULTS.summaryFloor) * item.summary!.info.retention.score
  );
}

/** Step 3: memories left out share one aggregate line, when the budget still has room for it. */
function foldLeftovers(plan: ContextPlan, budgetTokens: number): void {
  const leftOut = plan.items.filter((item) => !item.crisis && item.form === 'omitted');
  if (leftOut.length === 0) return;
  for (const item of leftOut) plan.setForm(item, 'aggregate');
  if (plan.estimate() > budgetTokens) for (const item of leftOut) plan.setForm(item, 'omitted');
}

/**
 * Step 4: the estimate adds up separately counted lines; the rendered block is what counts. While
 * it is over, the aggregate line goes first, then the shown line worth least per token.
 */
function renderWithinBudget(plan: ContextPlan, budgetTokens: number, counter: TokenCounter): PackedContext {
  let text = plan.render();
  let tokens = counter.count(text);
  while (tokens > budgetTokens) {
    const aggregate = plan.items.filter((item) => item.form === 'aggregate');
    if (aggregate.length > 0) for (const item of aggregate) plan.setForm(item, 'omitted');
    else {
      const shown = plan.items.filter((item) => item.form === 'full' || item.form === 'summary');
      if (shown.length === 0) return emptyContext(plan.items);
      // Crisis items go last, as they came first.
      const lightest = shown.reduce((a, b) => (lighter(b, a, plan) ? b : a));
      plan.setForm(lightest, 'omitted');
    }
    text = plan.render();
    tokens = counter.count(text);
  }
  if (tokens === 0) return emptyContext(plan.items);
  return {
    text,
    tokens,
    included: includedItems(plan),
    omitted: plan.items.filter((item) => item.form === 'omitted').map((item) => item.record),
  };
}

/** True when `a` is worth less per token than `b` (crisis items are worth more than any other). */
function lighter(a: PlanItem, b: PlanItem, plan: ContextPlan): boolean {
  if (a.crisis !== b.crisis) return !a.crisis;
  const density = (item: PlanItem) =>
    (item.weight * (item.form === 'summary' ? summaryWorth(item) : 1)) / Math.max(1, plan.lineTokens(item));
  return density(a) < density(b) || (density(a) === density(b) && a.rank > b.rank);
}

/** Heaviest first, the better rank on ties. */
function byWeight(a: PlanItem, b: PlanItem): number {
  return b.weight - a.weight || a.rank - b.rank;
}

function includedItems(plan: ContextPlan): ContextItem[] {
  const toItem = (item: PlanItem, mode: ContextMode, tokens: number): ContextItem => ({
    memory: item.record,
    mode,
    tokens,
    reference: item.reference,
    score: item.hit.score,
    salience: item.salience,
    ...(mode === 'summary' ? { compression: item.summary!.info } : {}),
  });
  const items = plan.items;
  const crisis = items
    .filter((item) => item.crisis && item.form === 'full')
    .map((item) => toItem(item, 'full', item.fullTokens));
  const shown = sortByTime(
    items.filter((item) => !item.crisis && (item.form === 'full' || item.form === 'summary')),
  ).map((item) => toItem(item, item.form as ContextMode, plan.lineTokens(item)));
  const members = items.filter((item) => item.form === 'aggregate');
  const lineTokens = plan.aggregateTokens();
  const share = members.length > 0 ? Math.floor(lineTokens / members.length) : 0;
  const folded = members.map((item, index) =>
    toItem(item, 'aggregate', share + (index === 0 ? lineTokens - share * members.length : 0)),
  );
  return [...crisis, ...shown, ...folded];
}

function emptyContext(items: readonly PlanItem[]): PackedContext {
  return { text: '', tokens: 0, included: [], omitted: items.map((item) => item.record) };
}
