import { TopK, type ScoredSlot } from './top-k.js';
import type { VectorIndex } from './vector-index.js';

/** Slots per block; a block's scores (16 KB) stay in the L1 cache while its columns stream past. */
const BLOCK_SIZE = 4096;
const BLOCK_SHIFT = 12;
/** Capacity of a new block; it doubles up to BLOCK_SIZE, so small namespaces stay small. */
const FIRST_BLOCK_CAPACITY = 16;

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

  /** `initialCapacity` sizes the first block (up to 4096 slots) when the final size is known. */
  constructor(
    readonly dimensions: number,
    private readonly initialCapacity = FIRST_BLOCK_CAPACITY,
  ) {}

  set(slot: number, vector: Float32Array): void {
    const block = this.blockFor(slot);
    const position = slot & (BLOCK_SIZE - 1);
    const { data, capacity } = block;
    for (let d = 0; d < this.dimensions; d++) data[d * capacity + position] = vector[d]!;
    if (position >= block.length) block.length = position + 1;
    if (slot >= this.present.length) this.present = grow(this.present, slot + 1);
    this.present[slot] = 1;
    if (slot >= this.highWater) this.highWater = slot + 1;
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

  search(query: Float32Array, k: number, accept: (slot: number) => boolean): ScoredSlot[] {
    const top = new TopK(k);
    const dimensions: number[] = [];
    const weights: number[] = [];
    for (let d = 0; d < this.dimensions; d++) {
      if (query[d] !== 0) {
        dimensions.push(d);
        weights.push(query[d]!);
      }
    }
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
        for (let i = 0; i < length; i++) scores[i] = scores[i]! + w0 * data[c0 + i]! + w1 * data[c1 + i]! + w2 * data[c2 + i]! + w3 * data[c3 + i]!;
      }
      for (; j < dimensions.length; j++) {
        const column = dimensions[j]! * capacity;
        const weight = weights[j]!;
        for (let i = 0; i < length; i++) scores[i] = scores[i]! + weight * data[column + i]!;
      }
      const base = blockIndex << BLOCK_SHIFT;
      for (let i = 0; i < length; i++) {
        const score = scores[i]!;
        if (score > top.threshold && present[base + i] === 1 && accept(base + i)) top.offer(base + i, score);
      }
    }
    return top.result();
  }

  private blockFor(slot: number): Block {
    const blockIndex = slot >> BLOCK_SHIFT;
    while (this.blocks.length <= blockIndex) {
      const capacity = this.blocks.length === 0 ? Math.min(BLOCK_SIZE, Math.max(FIRST_BLOCK_CAPACITY, this.initialCapacity)) : FIRST_BLOCK_CAPACITY;
      this.blocks.push({ data: new Float32Array(capacity * this.dimensions), capacity, length: 0 });
    }
    const block = this.blocks[blockIndex]!;
    const position = slot & (BLOCK_SIZE - 1);
    if (position >= block.capacity) {
      let capacity = block.capacity;
      while (capacity <= position) capacity *= 2;
      capacity = Math.min(capacity, BLOCK_SIZE);
      const data = new Float32Array(capacity * this.dimensions);
      for (let d = 0; d < this.dimensions; d++) data.set(block.data.subarray(d * block.capacity, d * block.capacity + block.length), d * capacity);
      block.data = data;
      block.capacity = capacity;
    }
    return block;
  }
}

function grow(array: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  let capacity = array.length;
  while (capacity < needed) capacity *= 2;
  const grown = new Uint8Array(capacity);
  grown.set(array);
  return grown;
}
