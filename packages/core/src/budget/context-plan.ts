import type { CompressionInfo } from './pack-context.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import type { TokenCounter } from '../text/token-counter.js';
import { TextMemo } from '../text/text-memo.js';
import { aggregateLine, AggregateLineBuilder } from './aggregate-line.js';
import {
  MEMORY_BLOCK_FRAME,
  renderAggregateLine,
  renderDateLine,
  renderMemoryBlock,
  type RenderedEntry,
} from './render-memory-block.js';

/** Where a memory stands in a plan: shown in full, as a summary, folded into the aggregate line, or left out. */
export type PlanForm = 'full' | 'summary' | 'aggregate' | 'omitted';

/** A summary ready to show: its content, its line's tokens and how it was made. */
export interface PlannedSummary {
  content: string;
  /** Tokens of its whole line. */
  tokens: number;
  info: CompressionInfo;
}

/** One candidate memory in a plan. */
export interface PlanItem {
  readonly hit: RecallHit;
  readonly record: MemoryRecord;
  /** How the block cites it (`m:` and its id, or the shortest prefix unique in its namespace). */
  readonly reference: string;
  /** Position in the ranking (0 = best). */
  readonly rank: number;
  readonly crisis: boolean;
  readonly salience: number;
  readonly weight: number;
  readonly day: string;
  /** Tokens of the text alone (what the ContextGuard judges) and of its full line. */
  readonly rawTokens: number;
  readonly fullTokens: number;
  /** undefined: not tried yet; null: no summary worth using. */
  summary: PlannedSummary | null | undefined;
  form: PlanForm;
}

// A memory's solo aggregate line depends on its kind and text only, and packing asks for it for
// every shown memory, call after call.
const soloLineMemo = new TextMemo<string>(20_000);

/**
 * The bookkeeping of a context being packed: each memory's form and a running token estimate
 * (frame + entry lines + date lines + aggregate line, each counted on its own), kept up to date
 * as forms change so packing steps cost O(1) to evaluate. `render` gives the real block.
 */
export class ContextPlan {
  readonly frameTokens: number;
  private lineTotal = 0;
  private dayTotal = 0;
  private readonly dayCounts = new Map<string, number>();
  private readonly dayTokens = new Map<string, number>();
  private readonly aggregate = new AggregateLineBuilder();
  private aggregateCache: { line: string; tokens: number } | null | undefined = null;
  // What changed since `takeChanged`: the steps of these items may differ now (all of them at first,
  // and whenever the aggregate line appears or empties, which changes every item's fold step).
  private readonly changed = new Set<PlanItem>();
  private everythingChanged = true;
  private readonly itemsOfDay = new Map<string, PlanItem[]>();

  constructor(
    readonly items: readonly PlanItem[],
    private readonly counter: TokenCounter,
  ) {
    this.frameTokens = counter.count(MEMORY_BLOCK_FRAME.open + MEMORY_BLOCK_FRAME.header + MEMORY_BLOCK_FRAME.close);
    for (const item of items) {
      const sameDay = this.itemsOfDay.get(item.day);
      if (sameDay) sameDay.push(item);
      else this.itemsOfDay.set(item.day, [item]);
      this.enter(item);
    }
  }

  /** Estimated tokens of the block as planned. */
  estimate(): number {
    return this.frameTokens + this.lineTotal + this.dayTotal + this.aggregateTokens();
  }

  /** Tokens the line of an item takes in a form (0 for the aggregate line and left out). */
  lineTokens(item: PlanItem, form: PlanForm = item.form): number {
    return form === 'full' ? item.fullTokens : form === 'summary' ? item.summary!.tokens : 0;
  }

  /** Tokens added by showing a left-out item in a form: its line, and its date line when it opens a day. */
  entryCost(item: PlanItem, form: 'full' | 'summary'): number {
    const opensDay = !item.crisis && (this.dayCounts.get(item.day) ?? 0) === 0;
    return this.lineTokens(item, form) + (opensDay ? this.dayLineTokens(item.day) : 0);
  }

  /** Tokens freed by taking an item out of its day: its date line, when it is the day's only entry. */
  dayRelease(item: PlanItem): number {
    return this.opensDay(item) && this.dayCounts.get(item.day) === 1 ? this.dayLineTokens(item.day) : 0;
  }

  /** Tokens the aggregate line takes now (0 without members). */
  aggregateTokens(): number {
    if (this.aggregateCache === undefined) {
      const line = this.aggregate.line();
      this.aggregateCache = line === null ? null : { line, tokens: this.counter.count(renderAggregateLine(line)) };
    }
    return this.aggregateCache?.tokens ?? 0;
  }

  get aggregateSize(): number {
    return this.aggregate.size;
  }

  /** Tokens of an aggregate line holding only this item: the cost of starting the line with it. */
  soloAggregateTokens(item: PlanItem): number {
    const { kind, text } = item.record;
    return this.counter.count(
      soloLineMemo.get(`${kind}\u0000${text}`, () => renderAggregateLine(aggregateLine([item.record]))),
    );
  }

  setForm(item: PlanItem, form: PlanForm): void {
    if (item.form === form) return;
    const hadAggregate = this.aggregate.size > 0;
    this.leave(item);
    item.form = form;
    this.enter(item);
    this.changed.add(item);
    if (hadAggregate !== this.aggregate.size > 0) this.everythingChanged = true;
  }

  /** Marks an item whose steps changed outside a form change (its summary was made). */
  touch(item: PlanItem): void {
    this.changed.add(item);
  }

  /** The items whose packing steps may have changed since the last call (every item on the first). */
  takeChanged(): Iterable<PlanItem> {
    const changed = this.everythingChanged ? this.items : [...this.changed];
    this.everythingChanged = false;
    this.changed.clear();
    return changed;
  }

  /** Every form, to put back with {@link restore}. */
  snapshot(): Map<PlanItem, PlanForm> {
    return new Map(this.items.map((item) => [item, item.form]));
  }

  restore(snapshot: ReadonlyMap<PlanItem, PlanForm>): void {
    for (const [item, form] of snapshot) this.setForm(item, form);
  }

  /** The block as planned (empty string when nothing is shown or folded). */
  render(): string {
    const entries: RenderedEntry[] = [];
    for (const item of this.items) {
      if (item.form !== 'full' && item.form !== 'summary') continue;
      entries.push({
        record: item.record,
        form: item.form,
        content: item.form === 'full' ? item.record.text : item.summary!.content,
        crisis: item.crisis,
        reference: item.reference,
      });
    }
    this.aggregateTokens();
    return renderMemoryBlock(entries, this.aggregateCache?.line ?? null);
  }

  private opensDay(item: PlanItem): boolean {
    return !item.crisis && (item.form === 'full' || item.form === 'summary');
  }

  private dayLineTokens(day: string): number {
    let tokens = this.dayTokens.get(day);
    if (tokens === undefined) this.dayTokens.set(day, (tokens = this.counter.count(renderDateLine(day))));
    return tokens;
  }

  /** A day's entry count moved: whether taking an entry out frees its date line may have changed. */
  private dayChanged(day: string): void {
    for (const item of this.itemsOfDay.get(day) ?? []) this.changed.add(item);
  }

  private enter(item: PlanItem): void {
    this.lineTotal += this.lineTokens(item);
    if (this.opensDay(item)) {
      const count = (this.dayCounts.get(item.day) ?? 0) + 1;
      this.dayCounts.set(item.day, count);
      this.dayChanged(item.day);
      if (count === 1) this.dayTotal += this.dayLineTokens(item.day);
    }
    if (item.form === 'aggregate') {
      this.aggregate.add(item.record);
      this.aggregateCache = undefined;
    }
  }

  private leave(item: PlanItem): void {
    this.lineTotal -= this.lineTokens(item);
    if (this.opensDay(item)) {
      const count = this.dayCounts.get(item.day)! - 1;
      this.dayCounts.set(item.day, count);
      this.dayChanged(item.day);
      if (count === 0) this.dayTotal -= this.dayLineTokens(item.day);
    }
    if (item.form === 'aggregate') {
      this.aggregate.remove(item.record);
      this.aggregateCache = undefined;
    }
  }
}
