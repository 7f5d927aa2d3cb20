import { TopK, type ScoredSlot } from './top-k.js';
import type { VectorIndex } from './vector-index.js';

/**
 * Exact inner-product scan over one contiguous Float32Array. Measured here it beats SQLite vector
 * extensions (about 6.5 ms at 20k x 384), and it is exact, so recall never silently drops.
 */
export class ExactVectorIndex implements VectorIndex {
  private data: Float32Array;
  private present: Uint8Array;
  private capacity: number;
  private highWater = 0;

  constructor(readonly dimensions: number, initialCapacity = 1024) {
    this.capacity = Math.max(initialCapacity, 16);
    this.data = new Float32Array(this.capacity * dimensions);
    this.present = new Uint8Array(this.capacity);
  }

  set(slot: number, vector: Float32Array): void {
    this.ensureCapacity(slot + 1);
    this.data.set(vector, slot * this.dimensions);
    this.present[slot] = 1;
    if (slot >= this.highWater) this.highWater = slot + 1;
  }

  remove(slot: number): void {
    if (slot < this.capacity) this.present[slot] = 0;
  }

  vectorAt(slot: number): Float32Array | undefined {
    if (slot >= this.capacity || this.present[slot] === 0) return undefined;
    return this.data.subarray(slot * this.dimensions, (slot + 1) * this.dimensions);
  }

  search(query: Float32Array, k: number, accept: (slot: number) => boolean): ScoredSlot[] {
    const top = new TopK(k);
    const dims = this.dimensions;
    const data = this.data;
    for (let slot = 0; slot < this.highWater; slot++) {
      if (this.present[slot] === 0 || !accept(slot)) continue;
      const offset = slot * dims;
      // Four accumulators let the engine overlap the multiply-adds.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        s0 += data[offset + i]! * query[i]!;
        s1 += data[offset + i + 1]! * query[i + 1]!;
        s2 += data[offset + i + 2]! * query[i + 2]!;
        s3 += data[offset + i + 3]! * query[i + 3]!;
      }
      for (; i < dims; i++) s0 += data[offset + i]! * query[i]!;
      top.offer(slot, s0 + s1 + s2 + s3);
    }
    return top.result();
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const data = new Float32Array(capacity * this.dimensions);
    data.set(this.data);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.data = data;
    this.present = present;
    this.capacity = capacity;
  }
}
