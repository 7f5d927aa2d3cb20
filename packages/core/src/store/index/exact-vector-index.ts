import { TopK, type ScoredSlot } from './top-k.js';
import type { VectorIndex, VectorSearchOptions } from './vector-index.js';

/** Slots per block; a block's scores (16 KB) stay in the L1 cache while its columns stream past. */
const BLOCK_SIZE = 4096;
const BLOCK_SHIFT = 12;
/** Capacity of a new block; it doubles up to BLOCK_SIZE, so small namespaces stay small. */
const FIRST_BLOCK_CAPACITY = 16;
/** Vectors written per pass over the columns: their values (64 x 384 floats, 96 KB) stay in the L2 cache. */
const WRITE_TILE = 64;

interface Block {
  /** Dimension-major: the value of dimension d at in-block position i is `data[d * capacity + i]`. */
  data: Float32Array;
  capacity: number;
  /** One past the highest position set. */
  length: number;
}

/**
 * Exact inner-product search, stored dimension-major in blocks of 4096 slots. A query only touches
 * the columns of its non-zero dimensions, so the sparse queries of the hashed embedder (a few dozen
 * of 384 dimensions set) read a small share of the data, and a dense query costs the same
 * multiply-adds as a row scan. Exact, so recall never silently drops.
 */
export class ExactVectorIndex implements VectorIndex {
  private readonly blocks: Block[] = [];
  private present: Uint8Array<ArrayBuffer> = new Uint8Array(FIRST_BLOCK_CAPACITY);
  private highWater = 0;
  private readonly scores = new Float32Array(BLOCK_SIZE);

  constructor(readonly dimensions: number) {}

  set(slot: number, vector: Float32Array): void {
    const block = this.blockFor(slot);
    const position = slot & (BLOCK_SIZE - 1);
    const { data, capacity } = block;
    for (let d = 0; d < this.dimensions; d++) data[d * capacity + position] = vector[d] ?? 0;
    if (position >= block.length) block.length = position + 1;
    this.markPresent(slot, slot + 1);
  }

  /**
   * Sets consecutive slots from `firstSlot` on. Each column is written in runs of neighbouring
   * positions, a few vectors at a time: one vector's values land a column apart, so writing vector
   * by vector would miss the cache on every value of a large block.
   */
  setMany(firstSlot: number, vectors: readonly Float32Array[]): void {
    for (let offset = 0; offset < vectors.length; ) {
      const slot = firstSlot + offset;
      const position = slot & (BLOCK_SIZE - 1);
      const count = Math.min(vectors.length - offset, BLOCK_SIZE - position, WRITE_TILE);
      const block = this.blockFor(slot + count - 1);
      const { data, capacity } = block;
      // Row-major staging first (one memcpy a vector), then the transpose reads one typed array.
      const staging = stagingFor(this.dimensions);
      for (let i = 0; i < count; i++) {
        const vector = vectors[offset + i]!;
        if (vector.length === this.dimensions) staging.set(vector, i * this.dimensions);
        else for (let d = 0; d < this.dimensions; d++) staging[i * this.dimensions + d] = vector[d] ?? 0;
      }
      for (let d = 0; d < this.dimensions; d++) {
        const column = d * capacity + position;
        for (let i = 0, from = d; i < count; i++, from += this.dimensions) data[column + i] = staging[from]!;
      }
      if (position + count > block.length) block.length = position + count;
      offset += count;
    }
    this.markPresent(firstSlot, firstSlot + vectors.length);
  }

  private markPresent(from: number, to: number): void {
    if (to > this.present.length) this.present = grow(this.present, to);
    this.present.fill(1, from, to);
    if (to > this.highWater) this.highWater = to;
  }

  remove(slot: number): void {
    if (slot < this.present.length) this.present[slot] = 0;
  }

  /** A copy of the stored vector of a slot, if present. */
  vectorAt(slot: number): Float32Array | undefined {
    if (slot >= this.highWater || this.present[slot] === 0) return undefined;
    const { data, capacity } = this.blocks[slot >> BLOCK_SHIFT]!;
    const position = slot & (BLOCK_SIZE - 1);
    const vector = new Float32Array(this.dimensions);
    for (let d = 0; d < this.dimensions; d++) vector[d] = data[d * capacity + position]!;
    return vector;
  }

  search(
    query: Float32Array,
    k: number,
    accept: (slot: number) => boolean,
    options: VectorSearchOptions = {},
  ): ScoredSlot[] {
    const top = new TopK(k, options.precedes);
    const floor = options.above ?? -Infinity;
    const { dimensions, weights } = nonZeroDimensions(query, this.dimensions);
    const scores = this.scores;
    const present = this.present;
    for (let blockIndex = 0; blockIndex < this.blocks.length; blockIndex++) {
      const { data, capacity, length } = this.blocks[blockIndex]!;
      scores.fill(0, 0, length);
      let j = 0;
      // Four columns per pass: a quarter of the loads and stores of `scores`.
      for (; j + 3 < dimensions.length; j += 4) {
        const c0 = dimensions[j]! * capacity;
        const c1 = dimensions[j + 1]! * capacity;
        const c2 = dimensions[j + 2]! * capacity;
        const c3 = dimensions[j + 3]! * capacity;
        const w0 = weights[j]!;
        const w1 = weights[j + 1]!;
        const w2 = weights[j + 2]!;
        const w3 = weights[j + 3]!;
        for (let i = 0; i < length; i++)
          scores[i] = scores[i]! + w0 * data[c0 + i]! + w1 * data[c1 + i]! + w2 * data[c2 + i]! + w3 * data[c3 + i]!;
      }
      for (; j < dimensions.length; j++) {
        const column = dimensions[j]! * capacity;
        const weight = weights[j]!;
        for (let i = 0; i < length; i++) scores[i] = scores[i]! + weight * data[column + i]!;
      }
      const base = blockIndex << BLOCK_SHIFT;
      for (let i = 0; i < length; i++) {
        const score = scores[i]!;
        if (score > floor && score >= top.threshold && present[base + i] === 1 && accept(base + i))
          top.offer(base + i, score);
      }
    }
    return top.result();
  }

  /** Makes room for `count` more slots after the highest one set, so a bulk load copies no block while growing. */
  reserve(count: number): void {
    const end = this.highWater + count;
    if (end === 0) return;
    const lastBlock = (end - 1) >> BLOCK_SHIFT;
    for (let blockIndex = this.highWater >> BLOCK_SHIFT; blockIndex <= lastBlock; blockIndex++) {
      this.resizeBlock(blockIndex, blockIndex < lastBlock ? BLOCK_SIZE : ((end - 1) & (BLOCK_SIZE - 1)) + 1);
    }
    if (end > this.present.length) this.present = grow(this.present, end);
  }

  private blockFor(slot: number): Block {
    const position = slot & (BLOCK_SIZE - 1);
    const block = this.blocks[slot >> BLOCK_SHIFT];
    if (block !== undefined && position < block.capacity) return block;
    // Doubling keeps small namespaces small and appends amortised O(1).
    let capacity = Math.max(FIRST_BLOCK_CAPACITY, block?.capacity ?? 0);
    while (capacity <= position) capacity *= 2;
    return this.resizeBlock(slot >> BLOCK_SHIFT, capacity);
  }

  /** Creates the block (and any missing before it) or grows it to hold at least `capacity` slots. */
  private resizeBlock(blockIndex: number, capacity: number): Block {
    while (this.blocks.length <= blockIndex) this.blocks.push({ data: new Float32Array(0), capacity: 0, length: 0 });
    const block = this.blocks[blockIndex]!;
    capacity = Math.min(BLOCK_SIZE, Math.max(FIRST_BLOCK_CAPACITY, capacity));
    if (capacity <= block.capacity) return block;
    const data = new Float32Array(capacity * this.dimensions);
    for (let d = 0; d < this.dimensions; d++)
      data.set(block.data.subarray(d * block.capacity, d * block.capacity + block.length), d * capacity);
    block.data = data;
    block.capacity = capacity;
    return block;
  }
}

/** One staging buffer for every index (writes are synchronous), so a namespace costs nothing for it. */
let sharedStaging = new Float32Array(0);

function stagingFor(dimensions: number): Float32Array {
  if (sharedStaging.length < WRITE_TILE * dimensions) sharedStaging = new Float32Array(WRITE_TILE * dimensions);
  return sharedStaging;
}

function grow(array: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  let capacity = array.length;
  while (capacity < needed) capacity *= 2;
  const grown = new Uint8Array(capacity);
  grown.set(array);
  return grown;
}

/** The query's non-zero dimensions and their values, in dimension order. */
function nonZeroDimensions(query: Float32Array, count: number): { dimensions: number[]; weights: number[] } {
  const dimensions: number[] = [];
  const weights: number[] = [];
  for (let d = 0; d < count; d++) {
    if (query[d] !== 0) {
      dimensions.push(d);
      weights.push(query[d]!);
    }
  }
  return { dimensions, weights };
}

/**
 * The inner product exactly as {@link ExactVectorIndex} computes it: the query's non-zero
 * dimensions four at a time, each partial sum rounded to 32 bits. Stores without the index score
 * through this, so similarities (and the rankings they decide) agree to the bit on every store.
 */
export function exactInnerProduct(query: Float32Array, vector: Float32Array): number {
  const { dimensions, weights } = nonZeroDimensions(query, query.length);
  let score = 0;
  let j = 0;
  for (; j + 3 < dimensions.length; j += 4) {
    score = Math.fround(
      score +
        weights[j]! * (vector[dimensions[j]!] ?? 0) +
        weights[j + 1]! * (vector[dimensions[j + 1]!] ?? 0) +
        weights[j + 2]! * (vector[dimensions[j + 2]!] ?? 0) +
        weights[j + 3]! * (vector[dimensions[j + 3]!] ?? 0),
    );
  }
  for (; j < dimensions.length; j++) score = Math.fround(score + weights[j]! * (vector[dimensions[j]!] ?? 0));
  return score;
}
