import { expandQueryTerms } from '../../text/expand-query-terms.js';
import { findDateRanges, type DateRange } from '../../text/find-date-ranges.js';
import { MEMORY_KINDS, type MemoryKind } from '../../records/memory-kind.js';
import { Bm25Index, topSlots } from './bm25-index.js';
import { EpisodeTimeline } from './episode-timeline.js';
import { LEXICAL_SEARCH_DEFAULTS, type LexicalSearchOptions } from './lexical-search-options.js';
import { ExactVectorIndex } from './exact-vector-index.js';
import type { ScoredSlot } from './top-k.js';
import type { VectorIndex } from './vector-index.js';

/** What the in-process index keeps of one memory: enough to find it, not to show it. */
export interface IndexEntry {
  readonly id: string;
  readonly kind: MemoryKind;
  readonly archived: boolean;
  /** Search terms joined by single spaces, as the store keeps them. */
  readonly terms: string;
  readonly vector: Float32Array;
  /** Creation time (ms since the epoch): places an episode among its neighbours in the conversation. */
  readonly createdAt: number;
  /** The store's change sequence number of the write that produced this entry. */
  readonly seq: number;
}

/** Which entries a search may return. */
export interface IndexFilter {
  readonly kinds?: ReadonlySet<MemoryKind>;
  readonly includeArchived?: boolean;
  /** When present, only these ids (the answer of a metadata query). */
  readonly onlyIds?: ReadonlySet<string>;
}

/** A channel hit by id. */
export interface IndexHit {
  readonly id: string;
  readonly score: number;
}

const KIND_CODES = new Map(MEMORY_KINDS.map((kind, code) => [kind, code]));
/** Context spreads from the best few lexical hits only (a hit far down the list cannot lift its neighbours into the top). */
const MIN_SPREAD_SOURCES = 200;
const SPREAD_SOURCES_PER_RESULT = 5;
/** Only episodes (turns of a conversation) sit on the timeline that relevance spreads along. */
const EPISODE_CODE = KIND_CODES.get('episode');

/**
 * The search structures of one namespace: BM25 postings and vectors, addressed by slot. Slots are
 * append-only; replaced and removed entries leave holes that a rebuild reclaims when they outnumber
 * the live ones.
 */
export class NamespaceIndex {
  /** Highest store change sequence applied by catch-up (own writes do not advance it). */
  caughtUpTo = 0;
  private bm25 = new Bm25Index();
  private vectors: VectorIndex;
  private slotById = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private kindCodes: number[] = [];
  private archivedFlags: boolean[] = [];
  private seqs: number[] = [];
  private createdAts: number[] = [];
  private timeline = new EpisodeTimeline();

  constructor(
    private readonly dimensions: number,
    private readonly lexical: LexicalSearchOptions = LEXICAL_SEARCH_DEFAULTS,
  ) {
    this.vectors = new ExactVectorIndex(dimensions);
  }

  get size(): number {
    return this.slotById.size;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Makes room for `count` more entries before a bulk load. */
  reserve(count: number): void {
    this.vectors.reserve(count);
  }

  /** Adds or replaces an entry, unless the index already holds a newer write of it. */
  upsert(entry: IndexEntry): void {
    this.upsertMany([entry]);
  }

  /** {@link upsert} for many entries; their vectors are written to the vector index together (a load or a catch-up). */
  upsertMany(entries: Iterable<IndexEntry>): void {
    let firstSlot = this.ids.length;
    let vectors: Float32Array[] = [];
    for (const entry of entries) {
      const existing = this.slotById.get(entry.id);
      if (existing !== undefined) {
        if (this.seqs[existing]! > entry.seq) continue;
        // Replacing an entry of this very batch: its vector must be written before its slot is cleared.
        if (existing >= firstSlot) {
          this.vectors.setMany(firstSlot, vectors);
          firstSlot = this.ids.length;
          vectors = [];
        }
        this.clearSlot(existing);
      }
      this.append(entry.id, KIND_CODES.get(entry.kind) ?? 0, entry.archived, entry.seq, entry.createdAt, entry.terms);
      vectors.push(entry.vector);
    }
    this.vectors.setMany(firstSlot, vectors);
  }

  /** Marks an entry archived or not without re-indexing its text. */
  setArchived(id: string, archived: boolean): void {
    const slot = this.slotById.get(id);
    if (slot !== undefined) this.archivedFlags[slot] = archived;
  }

  /** Removes an entry, unless `seq` is given and the index holds a newer write of it. */
  remove(id: string, seq = Infinity): void {
    const slot = this.slotById.get(id);
    if (slot === undefined || this.seqs[slot]! > seq) return;
    this.clearSlot(slot);
    this.slotById.delete(id);
    if (this.ids.length > 1024 && this.ids.length > 2 * this.slotById.size) this.rebuild();
  }

  /** The best lexical and vector hits among the entries the filter allows. */
  search(terms: readonly string[], vector: Float32Array, limit: number, filter: IndexFilter): { lexical: IndexHit[]; vector: IndexHit[] } {
    const kindCodes = filter.kinds ? new Set([...filter.kinds].map((kind) => KIND_CODES.get(kind))) : null;
    const includeArchived = filter.includeArchived === true;
    const onlyIds = filter.onlyIds;
    const accept = (slot: number): boolean =>
      (includeArchived || !this.archivedFlags[slot]) &&
      (kindCodes === null || kindCodes.has(this.kindCodes[slot])) &&
      (onlyIds === undefined || onlyIds.has(this.ids[slot]!));
    // The query gains thesaurus terms; relevance then spreads to the turns around each match.
    const { scores, touched } = this.bm25.scoreWeighted(expandQueryTerms(terms, this.lexical.expansionWeight), this.lexical.bm25);
    let reached = touched;
    let lexical: IndexHit[];
    try {
      if (this.lexical.dateBoost > 0) this.boostDates(scores, touched, findDateRanges(terms));
      reached = this.timeline.spread(scores, touched, this.lexical.contextSpread, Math.max(MIN_SPREAD_SOURCES, SPREAD_SOURCES_PER_RESULT * limit));
      lexical = this.toHits(topSlots(scores, reached, limit, accept));
    } finally {
      this.bm25.release(scores, reached);
    }
    return {
      lexical,
      vector: this.toHits(this.vectors.search(vector, limit, accept)),
    };
  }

  /** Memories created on a date the query names score higher (the query "what did she say on 3 June?"). */
  private boostDates(scores: Float64Array, touched: readonly number[], ranges: readonly DateRange[]): void {
    if (ranges.length === 0) return;
    for (const slot of touched) {
      const createdAt = this.createdAts[slot]!;
      if (ranges.some((range) => createdAt >= range.from && createdAt < range.to)) scores[slot]! *= 1 + this.lexical.dateBoost;
    }
  }

  private toHits(scored: ScoredSlot[]): IndexHit[] {
    return scored.map(({ slot, score }) => ({ id: this.ids[slot]!, score }));
  }

  private clearSlot(slot: number): void {
    this.bm25.remove(slot);
    this.vectors.remove(slot);
    this.timeline.remove(slot);
    this.ids[slot] = undefined;
  }

  /** Takes the next slot for an entry; its vector is written by the caller. */
  private append(id: string, kindCode: number, archived: boolean, seq: number, createdAt: number, terms: string): void {
    const slot = this.ids.length;
    this.ids.push(id);
    this.kindCodes.push(kindCode);
    this.archivedFlags.push(archived);
    this.seqs.push(seq);
    this.createdAts.push(createdAt);
    this.slotById.set(id, slot);
    if (kindCode === EPISODE_CODE) this.timeline.add(slot, createdAt);
    this.bm25.add(slot, terms);
  }

  private rebuild(): void {
    const live: Parameters<NamespaceIndex['append']>[] = [];
    const vectors: Float32Array[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      if (id === undefined) continue;
      live.push([id, this.kindCodes[slot]!, this.archivedFlags[slot]!, this.seqs[slot]!, this.createdAts[slot]!, this.bm25.termsAt(slot)!]);
      vectors.push(this.vectors.vectorAt(slot)!);
    }
    this.bm25 = new Bm25Index();
    this.vectors = new ExactVectorIndex(this.dimensions);
    this.vectors.reserve(live.length);
    this.slotById = new Map();
    this.ids = [];
    this.kindCodes = [];
    this.archivedFlags = [];
    this.seqs = [];
    this.createdAts = [];
    this.timeline = new EpisodeTimeline();
    for (const args of live) this.append(...args);
    this.vectors.setMany(0, vectors);
  }
}
