import { MEMORY_KINDS, type MemoryKind } from '../../records/memory-kind.js';
import type { Bm25Parameters, LexicalCandidate, TimelineEntry, VectorCandidate } from '../memory-store.js';
import { Bm25Index, topSlots } from './bm25-index.js';
import { EpisodeTimeline } from './episode-timeline.js';
import { ABSENT_KEY, ApproximateVectorIndex, STALE_KEY } from './approximate-vector-index.js';
import { createVectorIndex } from './create-vector-index.js';
import type { VectorGraphEvent, VectorGraphFile } from './vector-graph-file.js';
import type { ResolvedVectorIndexOptions } from './vector-index-options.js';
import type { VectorIndex } from './vector-index.js';

/** How a namespace index finds its vectors. */
export interface NamespaceIndexOptions {
  readonly vectorIndex?: Pick<ResolvedVectorIndexOptions, 'kind' | 'minVectors'>;
  /** Where its graph is kept between opens: it is then adopted (or built) on the first vector query, not during the load. */
  readonly graphFile?: VectorGraphFile;
  readonly onGraphEvent?: (event: VectorGraphEvent) => void;
}

/** A saved graph is caught up while at most this share of its vectors has changed; beyond, rebuilt (removals degrade it). */
const MAX_STALE_SHARE = 0.25;

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

/** Which entries a query may return. */
export interface IndexFilter {
  readonly kinds?: readonly MemoryKind[];
  readonly includeArchived?: boolean;
  /** When present, only these ids (the answer of a metadata query, or ids asked for). */
  readonly onlyIds?: ReadonlySet<string>;
  /** When present, only entries created within one of these spans (ms, `from` inclusive, `to` exclusive). */
  readonly createdWithin?: readonly { readonly from: number; readonly to: number }[];
}

/** Up to this many ids asked for, lexical scores are computed per entry rather than over the postings. */
const FEW_IDS = 256;
const KIND_CODES = new Map(MEMORY_KINDS.map((kind, code) => [kind, code]));
/** Only episodes (turns of a conversation) sit on the timeline: the neighbours recall spreads relevance to. */
const EPISODE_CODE = KIND_CODES.get('episode');

/**
 * The search structures of one namespace: BM25 postings, vectors and the episodes' timeline,
 * addressed by slot. It scores and lists; it does not rank (recall does). Ties are ordered by id,
 * as on every store. Slots are append-only; replaced and removed entries leave holes that a
 * rebuild reclaims when they outnumber the live ones.
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
  /** Among equal scores or times, the entry with the lower id first (ids compared as strings). */
  private readonly precedes = (a: number, b: number): boolean => this.ids[a]! < this.ids[b]!;
  private timeline = new EpisodeTimeline(this.precedes);

  /** Whether the graph waits for the first vector query (a saved one may cover the loaded vectors). */
  private graphPending: boolean;

  constructor(
    private readonly dimensions: number,
    private readonly options: NamespaceIndexOptions = {},
  ) {
    this.vectors = createVectorIndex(dimensions, options.vectorIndex);
    this.graphPending = options.graphFile !== undefined && this.vectors instanceof ApproximateVectorIndex;
    if (this.graphPending) (this.vectors as ApproximateVectorIndex).defer();
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

  /**
   * The `limit` best BM25 matches of weighted terms among the entries the filter allows, best
   * first. The scores of the last query stay in the BM25 index until the next write, so asking
   * the same query again (recall asks up to four times: best matches, on named dates, by filter,
   * its spread's receivers by id) reads them instead of walking the postings again.
   */
  lexical(
    terms: ReadonlyMap<string, number>,
    bm25: Bm25Parameters,
    limit: number,
    filter: IndexFilter,
  ): LexicalCandidate[] {
    const accept = this.acceptor(filter);
    const { onlyIds } = filter;
    if (onlyIds !== undefined && onlyIds.size <= FEW_IDS && !this.bm25.holds(terms, bm25))
      return this.lexicalOf(onlyIds, terms, bm25, limit, accept);
    const { scores, touched } = this.bm25.scoreWeighted(terms, bm25);
    // Ids asked for are looked up by slot rather than every match checked against them; an entry scores above 0 exactly when it was touched.
    const among = onlyIds === undefined ? touched : this.slotsOf(onlyIds).filter((slot) => scores[slot]! > 0);
    return topSlots(scores, among, limit, accept, this.precedes).map(({ slot, score }) =>
      this.candidateAt(slot, score),
    );
  }

  /** The slots of those ids the index holds. */
  private slotsOf(ids: ReadonlySet<string>): number[] {
    const slots: number[] = [];
    for (const id of ids) {
      const slot = this.slotById.get(id);
      if (slot !== undefined) slots.push(slot);
    }
    return slots;
  }

  /** {@link lexical} for a few ids: each scored from its own terms instead of walking the postings. */
  private lexicalOf(
    ids: ReadonlySet<string>,
    terms: ReadonlyMap<string, number>,
    bm25: Bm25Parameters,
    limit: number,
    accept: (slot: number) => boolean,
  ): LexicalCandidate[] {
    const slots = [...ids].flatMap((id) => {
      const slot = this.slotById.get(id);
      return slot !== undefined && accept(slot) ? [slot] : [];
    });
    const scores = this.bm25.scoreSlots(terms, slots, bm25);
    return slots
      .flatMap((slot, index) => (scores[index]! > 0 ? [this.candidateAt(slot, scores[index]!)] : []))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, Math.max(0, limit));
  }

  /** The `limit` entries the filter allows whose vectors have the largest inner product (above 0) with `vector`, best first. */
  nearest(vector: Float32Array, limit: number, filter: IndexFilter): VectorCandidate[] {
    this.prepareVectors();
    return this.vectors
      .search(vector, limit, this.acceptor(filter), { above: 0, precedes: this.precedes })
      .map(({ slot, score }) => ({ id: this.ids[slot]!, similarity: score }));
  }

  /**
   * Readies the vector graph if it waits: adopts the saved one, caught up with the loaded entries
   * (a vector is current when its memory's id and change number match), or builds it when no
   * saved graph serves. Call once the entries are loaded; the first vector query does.
   */
  prepareVectors(): void {
    if (!this.graphPending) return;
    this.graphPending = false;
    const vectors = this.vectors as ApproximateVectorIndex;
    const file = this.options.graphFile!;
    const emit = this.options.onGraphEvent;
    const onProgress = emit && ((done: number, total: number) => emit({ type: 'progress', done, total }));
    const started = performance.now();
    if (!vectors.wantsGraph) {
      vectors.buildGraph();
      return;
    }
    const saved = file.read();
    let reason = typeof saved === 'string' ? saved : null;
    if (typeof saved !== 'string') {
      try {
        const slotOfKey = this.slotsOfSavedKeys(saved.ids, saved.seqs);
        const stale = slotOfKey?.filter((slot) => slot === STALE_KEY).length ?? 0;
        const kept = slotOfKey?.filter((slot) => slot >= 0).length ?? 0;
        if (slotOfKey === null) reason = 'corrupt';
        else if (stale > MAX_STALE_SHARE * (stale + kept)) reason = 'stale';
        else if (!vectors.adopt(saved.path, slotOfKey, onProgress)) reason = 'corrupt';
        else
          emit?.({
            type: 'loaded',
            vectors: vectors.size,
            added: vectors.size - kept,
            removed: stale,
            durationMs: performance.now() - started,
          });
      } finally {
        saved.release();
      }
    }
    if (reason === null) return;
    vectors.buildGraph(onProgress);
    emit?.({ type: 'built', reason, vectors: vectors.size, durationMs: performance.now() - started });
  }

  /**
   * Writes the vector graph to the graph file when it changed since it was adopted or built (a
   * graph never readied this session leaves the file as it is); removes the file when the
   * namespace has no graph. Returns whether it wrote.
   */
  saveVectors(): boolean {
    const file = this.options.graphFile;
    if (file === undefined || this.graphPending || !(this.vectors instanceof ApproximateVectorIndex)) return false;
    const vectors = this.vectors;
    if (!vectors.approximate) {
      file.remove();
      return false;
    }
    if (!vectors.unsaved) return false;
    const started = performance.now();
    file.write((path) => {
      const slots = vectors.saveGraph(path)!;
      return {
        ids: slots.map((slot) => (slot >= 0 ? this.ids[slot]! : null)),
        seqs: slots.map((slot) => (slot >= 0 ? this.seqs[slot]! : 0)),
      };
    });
    this.options.onGraphEvent?.({ type: 'saved', vectors: vectors.size, durationMs: performance.now() - started });
    return true;
  }

  /** The slot now holding each saved key's vector ({@link STALE_KEY} when replaced or removed since), or null for a malformed list. */
  private slotsOfSavedKeys(ids: readonly (string | null)[], seqs: readonly number[]): number[] | null {
    if (!Array.isArray(ids) || !Array.isArray(seqs) || ids.length !== seqs.length) return null;
    const slots: number[] = new Array(ids.length);
    for (let key = 0; key < ids.length; key++) {
      const id = ids[key];
      if (id === null) {
        slots[key] = ABSENT_KEY;
        continue;
      }
      if (typeof id !== 'string' || typeof seqs[key] !== 'number') return null;
      const slot = this.slotById.get(id);
      // Same id and change number: the same write, so the same vector.
      slots[key] = slot !== undefined && this.seqs[slot] === seqs[key] ? slot : STALE_KEY;
    }
    return slots;
  }

  /**
   * The episodes the filter allows just before and after an episode, nearest first, up to
   * `radius` each side; undefined when `id` is not an episode of this index (the timeline holds
   * episodes only).
   */
  episodeNeighbours(
    id: string,
    radius: number,
    filter: IndexFilter,
  ): { before: TimelineEntry[]; after: TimelineEntry[] } | undefined {
    const slot = this.slotById.get(id);
    if (slot === undefined || !this.timeline.has(slot)) return undefined;
    const { before, after } = this.timeline.neighbours(slot, radius, this.acceptor(filter));
    return { before: before.map((at) => this.factsAt(at)), after: after.map((at) => this.factsAt(at)) };
  }

  /** A lexical candidate built field by field (an object spread of the facts costs more than the scoring, hundreds a recall). */
  private candidateAt(slot: number, score: number): LexicalCandidate {
    return {
      id: this.ids[slot]!,
      kind: MEMORY_KINDS[this.kindCodes[slot]!]!,
      createdAt: this.createdAts[slot]!,
      archived: this.archivedFlags[slot]!,
      score,
    };
  }

  private factsAt(slot: number): TimelineEntry {
    return {
      id: this.ids[slot]!,
      kind: MEMORY_KINDS[this.kindCodes[slot]!]!,
      createdAt: this.createdAts[slot]!,
      archived: this.archivedFlags[slot]!,
    };
  }

  private acceptor(filter: IndexFilter): (slot: number) => boolean {
    const kindCodes = filter.kinds ? new Set(filter.kinds.map((kind) => KIND_CODES.get(kind))) : null;
    const includeArchived = filter.includeArchived === true;
    const { onlyIds, createdWithin } = filter;
    return (slot) =>
      (includeArchived || !this.archivedFlags[slot]) &&
      (kindCodes === null || kindCodes.has(this.kindCodes[slot])) &&
      (onlyIds === undefined || onlyIds.has(this.ids[slot]!)) &&
      (createdWithin === undefined ||
        createdWithin.some((span) => this.createdAts[slot]! >= span.from && this.createdAts[slot]! < span.to));
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
      live.push([
        id,
        this.kindCodes[slot]!,
        this.archivedFlags[slot]!,
        this.seqs[slot]!,
        this.createdAts[slot]!,
        this.bm25.termsAt(slot)!,
      ]);
      vectors.push(this.vectors.vectorAt(slot)!);
    }
    this.bm25 = new Bm25Index();
    this.vectors = createVectorIndex(this.dimensions, this.options.vectorIndex);
    if (this.graphPending) (this.vectors as ApproximateVectorIndex).defer();
    this.vectors.reserve(live.length);
    this.slotById = new Map();
    this.ids = [];
    this.kindCodes = [];
    this.archivedFlags = [];
    this.seqs = [];
    this.createdAts = [];
    this.timeline = new EpisodeTimeline(this.precedes);
    for (const args of live) this.append(...args);
    this.vectors.setMany(0, vectors);
  }
}
