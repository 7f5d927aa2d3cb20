import { MemoryClosedError } from '../errors/memory-closed-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { RememberInput } from '../records/remember-input.js';
import type { RecallHit } from '../recall/rank-candidates.js';
import type { MemoryPage } from '../store/memory-store.js';
import { buildContext, type BuildContextOptions, type BuildContextResult } from '../budget/build-context.js';
import { applyFeedback, type ApplyFeedbackOptions, type ApplyFeedbackResult } from '../feedback/apply-feedback.js';
import { exportMemories, type ExportOptions } from '../transfer/export-memories.js';
import { forget, type ForgetOptions, type ForgetResult } from '../consolidate/forget.js';
import { importMemories, type ImportOptions, type ImportResult } from '../transfer/import-memories.js';
import { listRecent, type ListRecentOptions } from '../recall/list-recent.js';
import type { ConsolidateResult } from '../consolidate/consolidate-namespace.js';
import { consolidate, type ConsolidateOptions } from '../consolidate/consolidate.js';
import { drillDown, type DrillDownOptions, type DrillDownResult } from '../budget/drill-down.js';
import { entityBacklinks, type EntityBacklinks, type EntityBacklinksOptions } from '../consolidate/entity-backlinks.js';
import { mergeEntity, type MergeEntityOptions, type MergeEntityResult } from '../consolidate/merge-entity.js';
import { list, type MemoryListOptions } from '../recall/list.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { bindMemoryContext } from './memory-context-of.js';
import { recall, type RecallOptions } from '../recall/recall.js';
import { reinforce, type ReinforceOptions, type ReinforceResult } from '../recall/reinforce.js';
import { remember, rememberMany, type RememberResult } from '../remember/remember.js';
import { stats, storeStats, type StatsOptions, type MemoryStats, type StoreStats } from './stats.js';
import { warm, type WarmOptions } from '../recall/warm.js';

/** A long-term memory: remember, recall, forget. Create one with `createMemory`. */
export interface Memory {
  /** Stores one memory. */
  remember(input: RememberInput): Promise<RememberResult>;
  /** Stores many memories in one transaction: all or nothing. */
  rememberMany(inputs: readonly RememberInput[]): Promise<RememberResult[]>;
  /** Finds the memories that matter for a query, best first, and reinforces them. */
  recall(options: RecallOptions): Promise<RecallHit[]>;
  /** The memory block for a prompt, under an exact token budget, and what went into it. */
  buildContext(options: BuildContextOptions): Promise<BuildContextResult>;
  /** Marks memories as recalled (last access, access count), as recall does to what it returns. */
  reinforce(options: ReinforceOptions): Promise<ReinforceResult>;
  /** One memory by id, or null. */
  get(id: string): Promise<MemoryRecord | null>;
  /** Deletes memories of a namespace for good; with the graph, the summaries above them are rewritten without them or removed. */
  forget(options: ForgetOptions): Promise<ForgetResult>;
  /** Counts, for dashboards and tools. */
  stats(options: StatsOptions): Promise<MemoryStats>;
  /** With no namespace: the whole store (its namespaces and their counts, embedder, file size). */
  stats(): Promise<StoreStats>;
  /** The newest memories of a namespace, newest first; reinforces nothing. */
  listRecent(options: ListRecentOptions): Promise<MemoryRecord[]>;
  /** Pages through a namespace oldest first, reinforcing nothing (for key-value views and exports). */
  list(options: MemoryListOptions): Promise<MemoryPage>;
  /** The namespaces that hold at least one memory (an operator's view; crosses every namespace). */
  namespaces(): Promise<string[]>;
  /** Applies the model's feedback tags: cited memories learn arousal and utility; the exchange gets its appraisal. */
  applyFeedback(options: ApplyFeedbackOptions): Promise<ApplyFeedbackResult>;
  /** Streams memories as JSON Lines (records with vectors and every signal, then each namespace's entities and links), to back up or move stores. */
  export(options?: ExportOptions): AsyncIterable<string>;
  /** Reads lines written by `export` into this memory's store, in batches; same-namespace ids are replaced, links and entities go in too. */
  import(options: ImportOptions): Promise<ImportResult>;
  /** The slow path ("sleep"): session, daily, weekly and milestone summaries; archives what they replace; repairs entity links. */
  consolidate(options: ConsolidateOptions): Promise<ConsolidateResult>;
  /** The chain from a summary down to the raw memories it came from. */
  drillDown(options: DrillDownOptions): Promise<DrillDownResult>;
  /** The memories that mention an entity (its backlinks), renamed and merged names included. */
  entityBacklinks(options: EntityBacklinksOptions): Promise<EntityBacklinks>;
  /** Renames an entity or merges a duplicate into another; consolidation moves the old links. */
  mergeEntity(options: MergeEntityOptions): Promise<MergeEntityResult>;
  /** Loads a namespace's search index in the background, so its first recall does not wait for it. */
  warm(options: WarmOptions): Promise<void>;
  /** Releases the store; later calls throw `MemoryClosedError`. Safe to call twice. */
  close(): Promise<void>;
}

/** The `Memory` facade: validates nothing itself, delegates each operation to its own module. */
export class ResonantMemory implements Memory {
  private closed = false;

  constructor(private readonly context: MemoryContext) {
    bindMemoryContext(this, context, () => this.closed);
  }

  remember(input: RememberInput): Promise<RememberResult> {
    return this.run(() => remember(this.context, input));
  }

  rememberMany(inputs: readonly RememberInput[]): Promise<RememberResult[]> {
    return this.run(() => rememberMany(this.context, inputs));
  }

  recall(options: RecallOptions): Promise<RecallHit[]> {
    return this.run(() => recall(this.context, options));
  }

  buildContext(options: BuildContextOptions): Promise<BuildContextResult> {
    return this.run(() => buildContext(this.context, options));
  }

  reinforce(options: ReinforceOptions): Promise<ReinforceResult> {
    return this.run(() => reinforce(this.context, options));
  }

  get(id: string): Promise<MemoryRecord | null> {
    return this.run(async () => (typeof id === 'string' ? ((await this.context.store.get([id]))[0] ?? null) : null));
  }

  forget(options: ForgetOptions): Promise<ForgetResult> {
    return this.run(() => forget(this.context, options));
  }

  stats(options: StatsOptions): Promise<MemoryStats>;
  stats(): Promise<StoreStats>;
  stats(options?: StatsOptions): Promise<MemoryStats | StoreStats> {
    return this.run<MemoryStats | StoreStats>(() =>
      options === undefined ? storeStats(this.context) : stats(this.context, options),
    );
  }

  listRecent(options: ListRecentOptions): Promise<MemoryRecord[]> {
    return this.run(() => listRecent(this.context, options));
  }

  list(options: MemoryListOptions): Promise<MemoryPage> {
    return this.run(() => list(this.context, options));
  }

  namespaces(): Promise<string[]> {
    return this.run(() => this.context.store.namespaces());
  }

  applyFeedback(options: ApplyFeedbackOptions): Promise<ApplyFeedbackResult> {
    return this.run(() => applyFeedback(this.context, options));
  }

  export(options?: ExportOptions): AsyncIterable<string> {
    const lines = exportMemories(this.context, options);
    const isClosed = () => this.closed;
    return (async function* () {
      if (isClosed()) throw new MemoryClosedError();
      yield* lines;
    })();
  }

  import(options: ImportOptions): Promise<ImportResult> {
    return this.run(() => importMemories(this.context, options));
  }

  consolidate(options: ConsolidateOptions): Promise<ConsolidateResult> {
    return this.run(() => consolidate(this.context, options));
  }

  drillDown(options: DrillDownOptions): Promise<DrillDownResult> {
    return this.run(() => drillDown(this.context, options));
  }

  entityBacklinks(options: EntityBacklinksOptions): Promise<EntityBacklinks> {
    return this.run(() => entityBacklinks(this.context, options));
  }

  mergeEntity(options: MergeEntityOptions): Promise<MergeEntityResult> {
    return this.run(() => mergeEntity(this.context, options));
  }

  warm(options: WarmOptions): Promise<void> {
    return this.run(() => warm(this.context, options));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.store.close();
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) throw new MemoryClosedError();
    return operation();
  }
}
