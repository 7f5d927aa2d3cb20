import { createRequire } from 'node:module';
import type { Index as UsearchIndex } from 'usearch';
import { ExactVectorIndex, exactInnerProduct } from './exact-vector-index.js';
import type { ScoredSlot } from './top-k.js';
import type { VectorIndex, VectorSearchOptions } from './vector-index.js';

/** Tuning of the approximate index. */
export interface ApproximateIndexOptions {
  readonly minVectors: number;
  readonly connectivity: number;
  readonly expansionAdd: number;
  readonly expansionSearch: number;
  readonly oversample: number;
}

/** Defaults of {@link ApproximateIndexOptions}; the threshold is estimated from bench/scale's same-run exact scan figures. */
export const APPROXIMATE_INDEX_DEFAULTS: ApproximateIndexOptions = Object.freeze({
  /**
   * Below this many vectors the exact scan answers (it is exact and, for the hashed embedder's
   * sparse queries, under 1 ms at 10k). @default 50000
   */
  minVectors: 50_000,
  /** HNSW links per node. @default 16 */
  connectivity: 16,
  /** Candidate list while inserting. @default 128 */
  expansionAdd: 128,
  /**
   * Candidate list while searching. 512 finds 0.983 of the exact top-10 at 100k hashed-embedder
   * vectors (128: 0.932, 256: 0.965) for 3.1 ms p50 instead of 1.3 (bench/scale's synthetic text,
   * 2026-12-07). @default 512
   */
  expansionSearch: 512,
  /** Neighbours asked of the graph per result wanted: slack for filtered-out and re-scored hits. @default 4 */
  oversample: 4,
});

/** In {@link ApproximateVectorIndex.adopt}'s key list: the saved key's vector is no longer current (drop it). */
export const STALE_KEY = -1;
/** In {@link ApproximateVectorIndex.adopt}'s key list: the key is not in the saved graph. */
export const ABSENT_KEY = -2;

/** Build progress: `done` of `total` vectors are in the graph. */
export type GraphProgress = (done: number, total: number) => void;

/** Vectors handed to the graph per native call. */
const GRAPH_BATCH = 4096;

type UsearchModule = typeof import('usearch');
let usearchModule: UsearchModule | null | undefined;

/** usearch, loaded on first use; null when it is not installed or its native binary does not load here. */
export function loadUsearch(): UsearchModule | null {
  if (usearchModule === undefined) {
    try {
      usearchModule = createRequire(import.meta.url)('usearch') as UsearchModule;
    } catch {
      // An optional dependency: without it every namespace uses the exact scan.
      usearchModule = null;
    }
  }
  return usearchModule;
}

/**
 * The exact index plus, once a namespace holds `minVectors` vectors, an HNSW graph (usearch, f16)
 * over the same slots. The exact copy stays: it answers small namespaces and filtered queries the
 * graph cannot fill, and re-scores the graph's hits so similarities are the exact ones.
 *
 * The graph names vectors by its own keys, not slots: a graph saved by one process and adopted by
 * the next keeps its keys while the slots of a fresh load differ. While deferred (a bulk load
 * that a saved graph may cover) no graph is built or updated; the owner then adopts or builds one.
 */
export class ApproximateVectorIndex implements VectorIndex {
  private readonly exact: ExactVectorIndex;
  private graph: UsearchIndex | null = null;
  /** Slots holding a live vector. */
  private readonly present = new Set<number>();
  /** Graph key of each slot (-1 or absent: not in the graph). */
  private keyOfSlot: number[] = [];
  /** Slot of each graph key (-1: removed). */
  private slotOfKey: number[] = [];
  private deferred = false;
  /** Whether the graph changed since it was built from scratch or adopted unchanged (a save is due). */
  private changed = false;

  constructor(
    readonly dimensions: number,
    private readonly usearch: UsearchModule,
    private readonly options: ApproximateIndexOptions = APPROXIMATE_INDEX_DEFAULTS,
  ) {
    this.exact = new ExactVectorIndex(dimensions);
  }

  /** Whether searches go through the graph (the namespace is large enough). */
  get approximate(): boolean {
    return this.graph !== null;
  }

  /** Live vectors. */
  get size(): number {
    return this.present.size;
  }

  /** Whether the namespace is large enough for a graph. */
  get wantsGraph(): boolean {
    return this.present.size >= this.options.minVectors;
  }

  /** Whether the graph differs from the one last adopted (a save would write something new). */
  get unsaved(): boolean {
    return this.graph !== null && this.changed;
  }

  set(slot: number, vector: Float32Array): void {
    this.setMany(slot, [vector]);
  }

  setMany(firstSlot: number, vectors: readonly Float32Array[]): void {
    this.exact.setMany(firstSlot, vectors);
    for (let i = 0; i < vectors.length; i++) {
      const slot = firstSlot + i;
      if (this.present.has(slot)) this.removeFromGraph(slot);
      else this.present.add(slot);
    }
    if (this.graph !== null) this.addToGraph(Array.from(vectors, (_, i) => firstSlot + i));
    else if (!this.deferred && this.wantsGraph) this.buildGraph();
  }

  reserve(count: number): void {
    this.exact.reserve(count);
  }

  remove(slot: number): void {
    this.exact.remove(slot);
    if (this.present.delete(slot)) this.removeFromGraph(slot);
  }

  vectorAt(slot: number): Float32Array | undefined {
    return this.exact.vectorAt(slot);
  }

  search(
    query: Float32Array,
    k: number,
    accept: (slot: number) => boolean,
    options: VectorSearchOptions = {},
  ): ScoredSlot[] {
    if (this.graph === null || k <= 0) return this.exact.search(query, k, accept, options);
    const floor = options.above ?? -Infinity;
    const wanted = Math.min(this.present.size, k * this.options.oversample);
    const matches = this.graph.search(query, wanted, 0);
    const hits: ScoredSlot[] = [];
    for (const key of matches.keys) {
      const slot = this.slotOfKey[Number(key)] ?? -1;
      if (slot < 0 || !this.present.has(slot) || !accept(slot)) continue;
      const score = exactInnerProduct(query, this.exact.vectorAt(slot)!);
      if (score > floor) hits.push({ slot, score });
    }
    // A filter that rejects most of the graph's neighbours: the exact scan, rather than fewer results.
    if (hits.length < k && wanted < this.present.size) return this.exact.search(query, k, accept, options);
    const precedes = options.precedes ?? ((a: number, b: number) => a < b);
    hits.sort((a, b) => b.score - a.score || (precedes(a.slot, b.slot) ? -1 : 1));
    return hits.slice(0, k);
  }

  /** Stops building and updating the graph (dropping any) until {@link adopt} or {@link buildGraph}: a bulk load is coming. */
  defer(): void {
    this.graph = null;
    this.keyOfSlot = [];
    this.slotOfKey = [];
    this.deferred = true;
  }

  /**
   * Builds the graph over every live vector, reporting progress per batch; without enough
   * vectors it only ends a deferral (the exact scan answers until the threshold is crossed).
   */
  buildGraph(onProgress?: GraphProgress): void {
    this.deferred = false;
    this.graph = null;
    this.keyOfSlot = [];
    this.slotOfKey = [];
    if (!this.wantsGraph) return;
    this.graph = this.newGraph();
    this.changed = true;
    this.addToGraph(
      [...this.present].sort((a, b) => a - b),
      onProgress,
    );
  }

  /**
   * Adopts the graph file at `path`, whose key k held the vector now at slot `slotOfKey[k]`
   * ({@link STALE_KEY}: a vector since replaced or removed; {@link ABSENT_KEY}: not in the graph),
   * then adds every live slot the keys do not cover. Returns false, with nothing adopted, when
   * the file does not hold what the list claims (it is corrupt or belongs to another state).
   * The file must have passed the caller's checksum first: usearch never returns from loading
   * some malformed files (a few bytes of text hang it), so no unchecked file may reach it.
   */
  adopt(path: string, slotOfKey: readonly number[], onProgress?: GraphProgress): boolean {
    const graph = this.newGraph();
    let listed = 0;
    const kept: bigint[] = [];
    const stale: bigint[] = [];
    const claimed = new Set<number>();
    for (let key = 0; key < slotOfKey.length; key++) {
      const slot = slotOfKey[key]!;
      if (slot === ABSENT_KEY) continue;
      listed++;
      if (slot === STALE_KEY) stale.push(BigInt(key));
      else if (this.present.has(slot) && !claimed.has(slot)) {
        claimed.add(slot);
        kept.push(BigInt(key));
      } else return false;
    }
    try {
      graph.load(path);
      if (graph.dimensions() !== this.dimensions || graph.size() !== listed) return false;
      if (kept.length > 0) {
        const found = graph.contains(BigUint64Array.from(kept));
        if (!(Array.isArray(found) ? found.every(Boolean) : found)) return false;
      }
      if (stale.length > 0) graph.remove(BigUint64Array.from(stale));
    } catch {
      // Unreadable or corrupt: the caller rebuilds from SQLite's vectors, never trusting it.
      return false;
    }
    this.deferred = false;
    this.graph = graph;
    this.keyOfSlot = [];
    this.slotOfKey = slotOfKey.map((slot) => (slot >= 0 ? slot : -1));
    for (let key = 0; key < this.slotOfKey.length; key++) {
      const slot = this.slotOfKey[key]!;
      if (slot >= 0) this.keyOfSlot[slot] = key;
    }
    const missing = [...this.present].filter((slot) => (this.keyOfSlot[slot] ?? -1) < 0).sort((a, b) => a - b);
    this.changed = stale.length > 0 || missing.length > 0;
    this.addToGraph(missing, onProgress);
    return true;
  }

  /** Writes the graph to `path`; returns the slot of each key (-1: not in the graph), or null (nothing written) without a graph. */
  saveGraph(path: string): number[] | null {
    if (this.graph === null) return null;
    this.graph.save(path);
    this.changed = false;
    return [...this.slotOfKey];
  }

  private newGraph(): UsearchIndex {
    return new this.usearch.Index({
      dimensions: this.dimensions,
      metric: this.usearch.MetricKind.IP,
      quantization: this.usearch.ScalarKind.F16,
      connectivity: this.options.connectivity,
      expansion_add: this.options.expansionAdd,
      expansion_search: this.options.expansionSearch,
      multi: false,
    });
  }

  /** Adds these live slots to the graph under new keys, a batch at a time. */
  private addToGraph(slots: readonly number[], onProgress?: GraphProgress): void {
    if (slots.length === 0) return;
    this.changed = true;
    for (let from = 0; from < slots.length; from += GRAPH_BATCH) {
      const batch = slots.slice(from, from + GRAPH_BATCH);
      const firstKey = this.slotOfKey.length;
      for (const slot of batch) {
        this.keyOfSlot[slot] = this.slotOfKey.length;
        this.slotOfKey.push(slot);
      }
      const matrix = new Float32Array(batch.length * this.dimensions);
      batch.forEach((slot, i) => matrix.set(this.exact.vectorAt(slot)!, i * this.dimensions));
      this.graph!.add(
        BigUint64Array.from(batch, (_, i) => BigInt(firstKey + i)),
        matrix,
      );
      onProgress?.(Math.min(from + GRAPH_BATCH, slots.length), slots.length);
    }
  }

  private removeFromGraph(slot: number): void {
    const key = this.keyOfSlot[slot] ?? -1;
    if (key < 0) return;
    this.graph?.remove(BigInt(key));
    this.keyOfSlot[slot] = -1;
    this.slotOfKey[key] = -1;
    this.changed = true;
  }
}
