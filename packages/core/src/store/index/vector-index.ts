import type { ScoredSlot } from './top-k.js';

/**
 * Nearest-neighbour search over slots by inner product. The exact scan implements it today; an
 * approximate index (HNSW) can replace it without touching callers.
 */
export interface VectorIndex {
  readonly dimensions: number;
  set(slot: number, vector: Float32Array): void;
  /** Sets slots `firstSlot`, `firstSlot + 1`, … to these vectors (a bulk load: cheaper than one `set` each). */
  setMany(firstSlot: number, vectors: readonly Float32Array[]): void;
  /** Makes room for `count` more slots (a bulk load about to append them). */
  reserve(count: number): void;
  remove(slot: number): void;
  /** The stored vector of a slot (possibly a view: copy it before the index changes), if present. */
  vectorAt(slot: number): Float32Array | undefined;
  /** The k slots with the largest inner product with `query` among those `accept` allows. */
  search(
    query: Float32Array,
    k: number,
    accept: (slot: number) => boolean,
    options?: VectorSearchOptions,
  ): ScoredSlot[];
}

/** How a vector search treats weak hits and ties. */
export interface VectorSearchOptions {
  /** Only scores above this count (a store passes 0: a vector sharing nothing with the query is no candidate). */
  readonly above?: number;
  /** Among equal scores, true when slot `a` ranks before slot `b` (default: the lower slot). */
  readonly precedes?: (a: number, b: number) => boolean;
}
