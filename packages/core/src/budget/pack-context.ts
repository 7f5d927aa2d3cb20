import type { CompressionJudgement } from '../compress/compression-judge.js';
import { compressionRatio } from '../compress/compression-ratio.js';
import { extractKeyTerms, type KeyTerms } from '../compress/key-terms.js';
import { retentionScore, type RetentionScore } from '../compress/retention-score.js';
import type { Summarizer } from '../compress/summarizer.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import { TextMemo } from '../text/text-memo.js';
import type { TokenCounter } from '../text/token-counter.js';
import type { ContextGuard } from './context-guard.js';
import { isCrisisMemory } from './is-crisis-memory.js';
import { memoryReference } from './memory-reference.js';
import { ContextPlan, type PlanForm, type PlanItem, type PlannedSummary } from './context-plan.js';
import { compareSteps, StepQueue, type Step } from './step-queue.js';
import { formatDate, renderEntryLine, sortByTime } from './render-memory-block.js';
import { memorySalience } from './salience.js';

/** The knobs of salience-based packing. */
export const PACK_CONTEXT_DEFAULTS = Object.freeze({
  /**
   * What a memory in summary form is worth next to full (1) before its summary exists; once it
   * does, `min(0.9, 0.3 + 0.7 × retention)`: a summary is worth what it keeps. @default 0.6
   */
  summaryValue: 0.6,
  /** What a memory folded into the aggregate line is worth. @default 0.1 */
  aggregateValue: 0.1,
  /**
   * A memory's weight is `score^scoreExponent × (1 + salienceBoost × salience)`. The cube spreads
   * recall scores apart, so the best matches keep their full text while the tail is compressed. @default 3
   */
  scoreExponent: 3,
  /** See `scoreExponent`: a fully salient memory weighs double. @default 1 */
  salienceBoost: 1,
  /** Shortest summary asked for, in tokens: one short clause. @default 8 */
  minSummaryTokens: 8,
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
}

/** A packed context: the block, its exact token count, and where every hit went. */
export interface PackedContext {
  text: string;
  tokens: number;
  included: ContextItem[];
  /** Hits left out entirely. */
  omitted: MemoryRecord[];
}


const DROPPED_CRISIS_LOSS = 1e6;

/**
 * Fits ranked memories into an exact token budget. Crisis items come first and stay in full.
 * Every other memory starts in full (summarized first when the ContextGuard refuses it raw), then,
 * while the block is over budget, the step losing the least weighted value per token saved is
 * taken: full → summary → aggregate line → left out, where weight = score³ × (1 + salience). So
 * salient memories keep their full text longest and everyday ones fold into one aggregate line.
 * The block is then rendered and counted exactly (cutting further if needed), and leftover budget
 * is spent upgrading the heaviest memories that were cut. `tokens` ≤ `budgetTokens` always.
 */
export async function packContext(options: PackContextOptions): Promise<PackedContext> {
  const { tokenCounter: counter, guard, budgetTokens } = options;
  const items = options.hits.map((hit, rank): PlanItem => {
    const crisis = isCrisisMemory(hit.memory, options.crisisThreshold);
    const salience = memorySalience(hit.memory);
    return {
      hit,
      record: hit.memory,
      rank,
      crisis,
      salience,
      weight: hit.score ** PACK_CONTEXT_DEFAULTS.scoreExponent * (1 + PACK_CONTEXT_DEFAULTS.salienceBoost * salience),
      day: formatDate(hit.memory.createdAt),
      rawTokens: counter.count(hit.memory.text),
      fullTokens: counter.count(renderEntryLine({ record: hit.memory, form: 'full', content: hit.memory.text, crisis })),
      summary: undefined,
      form: 'omitted',
    };
  });
  const plan = new ContextPlan(items, counter);
  if (items.length === 0 || budgetTokens <= plan.frameTokens) return emptyContext(items);

  const summarizeItem = async (item: PlanItem): Promise<PlannedSummary | null> => {
    if (item.summary === undefined) {
      item.summary = await makeSummary(item, Math.min(1, budgetTokens / Math.max(1, plan.estimate())), options);
      plan.touch(item);
    }
    return item.summary;
  };
  const estimatedSummaryTokens = (item: PlanItem) => item.fullTokens - item.rawTokens + 1 + targetTokens(item, 1, guard.maxRawTokens);

  // Crisis items stay whole; others the guard refuses raw start as summaries (or folded away).
  await Promise.all(items.filter((item) => !item.crisis && !guard.admitsRaw(item.rawTokens)).map(summarizeItem));
  for (const item of items) plan.setForm(item, item.crisis || guard.admitsRaw(item.rawTokens) ? 'full' : item.summary ? 'summary' : 'aggregate');

  const totalValue = () => items.reduce((sum, item) => sum + item.weight * formValue(item, item.form), 0);
  // Constant per item, and asked for on every step: computed once.
  const summaryEstimates = items.map((item) => estimatedSummaryTokens(item));
  const aggregateValue = PACK_CONTEXT_DEFAULTS.aggregateValue;
  const aggregateFormValue = formValue(undefined, 'aggregate');
  const omittedFormValue = formValue(undefined, 'omitted');
  // Each item's best step (least loss per token saved; among its own moves, the first listed wins
  // ties) waits in a queue; a step recomputes only the items it changed. The pick is the plain greedy
  // scan's: the best over every item, ties to the lower-ranked one, then the aggregate line's drop.
  const stepOf = (item: PlanItem): Step | null => {
    const form = item.form;
    if (form !== 'full' && form !== 'summary') return null;
    let best: Step | null = null;
    const consider = (to: PlanForm, saving: number, loss: number): void => {
      const step: Step = { item, to, saving, loss };
      if (saving > 0 && (best === null || compareSteps(step, item.rank, best, item.rank) < 0)) best = step;
    };
    const current = plan.lineTokens(item) + plan.dayRelease(item);
    if (item.crisis) {
      consider('omitted', current, DROPPED_CRISIS_LOSS * (1 + item.weight));
      return best;
    }
    const value = formValue(item, form);
    if (form === 'full' && item.summary !== null && guard.admitsRaw(item.rawTokens)) {
      consider('summary', item.fullTokens - (item.summary ? item.summary.tokens : summaryEstimates[item.rank]!), item.weight * (value - formValue(item, 'summary')));
    }
    consider('aggregate', current - (plan.aggregateSize === 0 ? plan.soloAggregateTokens(item) : 0), item.weight * (value - aggregateFormValue));
    consider('omitted', current, item.weight * (value - omittedFormValue));
    return best;
  };
  const queue = new StepQueue(stepOf);
  const nextStep = (): Step | null => {
    queue.refresh(plan.takeChanged());
    const best = queue.best();
    if (plan.aggregateSize === 0) return best?.step ?? null;
    // Summed in rank order, as a scan would: the drop's loss must compare exactly.
    let aggregateLoss = 0;
    for (const item of items) if (item.form === 'aggregate') aggregateLoss += item.weight * aggregateValue;
    const drop: Step = { item: null, to: 'omitted', saving: plan.aggregateTokens(), loss: aggregateLoss };
    if (drop.saving > 0 && (best === null || compareSteps(drop, -1, best.step, best.rank) < 0)) return drop;
    return best?.step ?? null;
  };
  const apply = async (step: Step): Promise<void> => {
    if (step.item === null) {
      for (const item of items) if (item.form === 'aggregate') plan.setForm(item, 'omitted');
    } else if (step.to !== 'summary' || (await summarizeItem(step.item)) !== null) {
      plan.setForm(step.item, step.to);
    }
  };

  while (plan.estimate() > budgetTokens) {
    const step = nextStep();
    if (step === null) break;
    await apply(step);
  }

  // Greedy steps fold one memory at a time, so the first fold always looks too dear: try folding
  // every memory left out into the aggregate line at once, making room from the lightest shown
  // ones, and keep whichever plan is worth more.
  const leftOut = items.filter((item) => !item.crisis && item.form === 'omitted');
  if (leftOut.length >= 2) {
    const before = plan.snapshot();
    const worthBefore = totalValue();
    for (const item of leftOut) plan.setForm(item, 'aggregate');
    const lightestFirst = items
      .filter((item) => !item.crisis && (item.form === 'full' || item.form === 'summary'))
      .sort((a, b) => a.weight * formValue(a, a.form) - b.weight * formValue(b, b.form) || b.rank - a.rank);
    while (plan.estimate() > budgetTokens && lightestFirst.length > 0) plan.setForm(lightestFirst.shift()!, 'aggregate');
    if (plan.estimate() > budgetTokens || totalValue() <= worthBefore) plan.restore(before);
  }

  // Spend what is left on the heaviest memories that were cut, best form first.
  const upgradable = items.filter((item) => item.form !== 'full').sort((a, b) => b.weight - a.weight || a.rank - b.rank);
  for (const item of upgradable) {
    const slack = budgetTokens - plan.estimate();
    if (slack <= 0) break;
    const original = item.form;
    for (const form of (item.crisis ? ['full'] : ['full', 'summary', 'aggregate']) as PlanForm[]) {
      if (form === 'full' && !item.crisis && !guard.admitsRaw(item.rawTokens)) continue;
      // Ask the summarizer only when its line would plausibly fit.
      if (form === 'summary' && item.summary === undefined && summaryEstimates[item.rank]! > slack) continue;
      if (form === 'summary' && (await summarizeItem(item)) === null) continue;
      if (formValue(item, form) <= formValue(item, original)) continue;
      plan.setForm(item, form);
      if (plan.estimate() <= budgetTokens) break;
      plan.setForm(item, original);
    }
  }

  // The estimate adds up separately counted lines; the rendered block is what counts.
  let text = plan.render();
  let tokens = counter.count(text);
  while (tokens > budgetTokens) {
    const step = nextStep();
    if (step === null) return emptyContext(items);
    await apply(step);
    text = plan.render();
    tokens = counter.count(text);
  }
  return { text, tokens, included: includedItems(plan), omitted: items.filter((item) => item.form === 'omitted').map((item) => item.record) };
}

/** What a memory is worth in a form, next to 1 in full; a summary is worth what it keeps. */
function formValue(item: PlanItem | undefined, form: PlanForm): number {
  if (form === 'full') return 1;
  if (form === 'summary') return item?.summary ? Math.min(0.9, 0.3 + 0.7 * item.summary.info.retention.score) : PACK_CONTEXT_DEFAULTS.summaryValue;
  return form === 'aggregate' ? PACK_CONTEXT_DEFAULTS.aggregateValue : 0;
}

async function makeSummary(item: PlanItem, room: number, options: PackContextOptions): Promise<PlannedSummary | null> {
  const { tokenCounter: counter, guard } = options;
  const record = item.hit.memory;
  const target = targetTokens(item, room, guard.maxRawTokens);
  let source: CompressionInfo['source'] = 'summarizer';
  let content: string;
  const stored = record.summary?.trim() ?? '';
  const keyTerms = extractKeyTerms(record.text);
  if (stored.length > 0 && counter.count(stored) < item.rawTokens && guard.admitsRaw(counter.count(stored))) {
    source = 'stored';
    content = stored;
  } else {
    content = (await options.summarize({ texts: [record.text], targetTokens: target, preserve: [...keyTerms.names, ...keyTerms.numbers, ...keyTerms.dates] })).trim();
  }

  const summaryTokens = counter.count(content);
  // A summary must be shorter than the text, pass the guard itself, and make a shorter line.
  if (summaryTokens === 0 || summaryTokens >= item.rawTokens || !guard.admitsRaw(summaryTokens)) return null;
  const tokens = counter.count(renderEntryLine({ record, form: 'summary', content, crisis: false }));
  if (tokens >= item.fullTokens && guard.admitsRaw(item.rawTokens)) return null;
  return { content, tokens, info: { source, summary: content, originalTokens: item.rawTokens, summaryTokens, targetTokens: target, retention: retentionOf(record.text, content, keyTerms) } };
}

// The same memory comes back with the same summary call after call; its retention is reused (frozen,
// as every context that shows the summary shares it).
const retentionMemo = new TextMemo<RetentionScore>(20_000);

function retentionOf(original: string, summary: string, keyTerms: KeyTerms): RetentionScore {
  return retentionMemo.get(`${summary}\u0000${original}`, () => {
    const retention = retentionScore({ original, summary, keyTerms });
    return Object.freeze({ ...retention, missing: Object.freeze(retention.missing) as string[] });
  });
}

/** The summary length asked for: the adaptive ratio of the text, at least one useful line, within the guard. */
function targetTokens(item: PlanItem, room: number, maxRawTokens: number): number {
  const ratio = compressionRatio({ importance: Math.max(item.hit.score, item.salience), recency: item.hit.signals.recency, room });
  return Math.min(maxRawTokens, Math.max(PACK_CONTEXT_DEFAULTS.minSummaryTokens, Math.round(ratio * item.rawTokens)));
}


function includedItems(plan: ContextPlan): ContextItem[] {
  const toItem = (item: PlanItem, mode: ContextMode, tokens: number): ContextItem => ({
    memory: item.record,
    mode,
    tokens,
    reference: memoryReference(item.record.id),
    score: item.hit.score,
    salience: item.salience,
    ...(mode === 'summary' ? { compression: item.summary!.info } : {}),
  });
  const items = plan.items;
  const crisis = items.filter((item) => item.crisis && item.form === 'full').map((item) => toItem(item, 'full', item.fullTokens));
  const shown = sortByTime(items.filter((item) => !item.crisis && (item.form === 'full' || item.form === 'summary'))).map((item) =>
    toItem(item, item.form as ContextMode, plan.lineTokens(item)),
  );
  const members = items.filter((item) => item.form === 'aggregate');
  const lineTokens = plan.aggregateTokens();
  const share = members.length > 0 ? Math.floor(lineTokens / members.length) : 0;
  const folded = members.map((item, index) => toItem(item, 'aggregate', share + (index === 0 ? lineTokens - share * members.length : 0)));
  return [...crisis, ...shown, ...folded];
}

function emptyContext(items: readonly PlanItem[]): PackedContext {
  return { text: '', tokens: 0, included: [], omitted: items.map((item) => item.record) };
}
