import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Candidate list while searching. @default 128 */
  expansionSearch: 128,
  /** Neighbours asked of the graph per result wanted: slack for filtered-out and re-scored hits. @default 4 */
  oversample: 4,
});

/** What a persisted graph must match to be trusted: the caller's view of the source of truth. */
export interface IndexStamp {
  /** Live vectors the graph should hold. */
  readonly count: number;
  /** The store's change number the graph was written at. */
  readonly generation: number;
}

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
 * graph cannot fill, and re-scores the graph's hits so similarities are the exact ones. A graph
 * loaded from disk is used only when its stamp and checksum match; anything else rebuilds it.
 */
export class ApproximateVectorIndex implements VectorIndex {
  private readonly exact: ExactVectorIndex;
  private graph: UsearchIndex | null = null;
  /** Slots holding a live vector. */
  private readonly present = new Set<number>();

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

  set(slot: number, vector: Float32Array): void {
    this.setMany(slot, [vector]);
  }

  setMany(firstSlot: number, vectors: readonly Float32Array[]): void {
    this.exact.setMany(firstSlot, vectors);
    for (let i = 0; i < vectors.length; i++) {
      const slot = firstSlot + i;
      if (this.present.has(slot)) this.graph?.remove(BigInt(slot));
      else this.present.add(slot);
    }
    if (this.graph !== null) this.addToGraph(firstSlot, vectors);
    else if (this.present.size >= this.options.minVectors) this.buildGraph();
  }

  reserve(count: number): void {
    this.exact.reserve(count);
  }

  remove(slot: number): void {
    this.exact.remove(slot);
    if (this.present.delete(slot)) this.graph?.remove(BigInt(slot));
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
      const slot = Number(key);
      if (!this.present.has(slot) || !accept(slot)) continue;
      const score = exactInnerProduct(query, this.exact.vectorAt(slot)!);
      if (score > floor) hits.push({ slot, score });
    }
    // A filter that rejects most of the graph's neighbours: the exact scan, rather than fewer results.
    if (hits.length < k && wanted < this.present.size) return this.exact.search(query, k, accept, options);
    const precedes = options.precedes ?? ((a: number, b: number) => a < b);
    hits.sort((a, b) => b.score - a.score || (precedes(a.slot, b.slot) ? -1 : 1));
    return hits.slice(0, k);
  }

  /** Writes the graph (if any) to `path`, with its stamp and checksum beside it (`path.json`); removes stale files otherwise. */
  save(path: string, stamp: IndexStamp): void {
    if (this.graph === null) {
      rmSync(path, { force: true });
      rmSync(`${path}.json`, { force: true });
      return;
    }
    // Written under a temporary name and renamed: a crash mid-write leaves no half file under the real name.
    this.graph.save(`${path}.tmp`);
    const checksum = fileChecksum(`${path}.tmp`);
    renameSync(`${path}.tmp`, path);
    writeFileSync(`${path}.json`, JSON.stringify({ ...stamp, size: this.graph.size(), checksum }));
  }

  /**
   * Uses the graph at `path` when its stamp equals `stamp`, its checksum matches and it holds this
   * index's live vectors; returns whether it did. Otherwise (missing, stale, corrupt) the graph is
   * rebuilt from the exact vectors when the namespace is large enough. Call after loading the vectors.
   */
  load(path: string, stamp: IndexStamp): boolean {
    const trusted = this.readTrusted(path, stamp);
    if (trusted !== null) {
      this.graph = trusted;
      return true;
    }
    this.graph = null;
    if (this.present.size >= this.options.minVectors) this.buildGraph();
    return false;
  }

  private readTrusted(path: string, stamp: IndexStamp): UsearchIndex | null {
    try {
      if (!existsSync(path) || !existsSync(`${path}.json`)) return null;
      const saved = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Record<string, unknown>;
      if (saved.count !== stamp.count || saved.generation !== stamp.generation) return null;
      if (saved.size !== this.present.size || stamp.count !== this.present.size) return null;
      if (saved.checksum !== fileChecksum(path)) return null;
      const graph = this.newGraph();
      graph.load(path);
      if (graph.size() !== this.present.size || graph.dimensions() !== this.dimensions) return null;
      for (const slot of this.present) if (!graph.contains(BigInt(slot))) return null;
      return graph;
    } catch {
      // Unreadable or corrupt: rebuilt from SQLite's vectors, never trusted.
      return null;
    }
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

  private buildGraph(): void {
    this.graph = this.newGraph();
    const slots = [...this.present].sort((a, b) => a - b);
    for (let from = 0; from < slots.length; from += 4096) {
      const batch = slots.slice(from, from + 4096);
      this.graph.add(
        BigUint64Array.from(batch, (slot) => BigInt(slot)),
        flatten(
          batch.map((slot) => this.exact.vectorAt(slot)!),
          this.dimensions,
        ),
      );
    }
  }

  private addToGraph(firstSlot: number, vectors: readonly Float32Array[]): void {
    if (vectors.length === 0) return;
    this.graph!.add(
      BigUint64Array.from(vectors, (_, i) => BigInt(firstSlot + i)),
      flatten(vectors, this.dimensions),
    );
  }
}

/** The vectors end to end (one row of `dimensions` each), as usearch takes a batch. */
function flatten(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  const matrix = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => matrix.set(vector.subarray(0, dimensions), i * dimensions));
  return matrix;
}

function fileChecksum(path: string): string {
  return createHash('sha1').update(readFileSync(path)).digest('hex');
}
