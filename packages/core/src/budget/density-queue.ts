/** One candidate line waiting in a {@link DensityQueue}: its value per token when last measured. */
export interface QueuedLine<Item> {
  readonly item: Item;
  readonly density: number;
  /** Position in the ranking: the better rank goes first on equal density. */
  readonly rank: number;
  /** The measurement this entry belongs to; an older one for the same item is stale. */
  readonly version: number;
}

/**
 * A max-heap of candidate lines by density (ties to the better rank), for lazy greedy packing: an
 * entry holds the density measured when it was pushed, and re-pushing an item makes its older
 * entries stale (skipped when they surface).
 */
export class DensityQueue<Item> {
  private readonly heap: QueuedLine<Item>[] = [];
  private readonly versions = new Map<Item, number>();

  push(item: Item, density: number, rank: number): void {
    const version = (this.versions.get(item) ?? 0) + 1;
    this.versions.set(item, version);
    this.heap.push({ item, density, rank, version });
    this.up(this.heap.length - 1);
  }

  /** Forgets an item: its entries become stale. */
  remove(item: Item): void {
    this.versions.set(item, (this.versions.get(item) ?? 0) + 1);
  }

  /** The live entry with the highest density, taken out; null when none is left. */
  pop(): QueuedLine<Item> | null {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined) return null;
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.down(0);
      }
      if (this.versions.get(top.item) === top.version) {
        this.versions.set(top.item, top.version + 1);
        return top;
      }
    }
  }

  /** The density of the best live entry, without taking it out (-Infinity when none is left). */
  peekDensity(): number {
    while (this.heap.length > 0 && this.versions.get(this.heap[0]!.item) !== this.heap[0]!.version) {
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.down(0);
      }
    }
    return this.heap[0]?.density ?? Number.NEGATIVE_INFINITY;
  }

  private before(a: QueuedLine<Item>, b: QueuedLine<Item>): boolean {
    return a.density > b.density || (a.density === b.density && a.rank < b.rank);
  }

  private up(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[index]!, heap[parent]!)) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let best = index;
      if (left < heap.length && this.before(heap[left]!, heap[best]!)) best = left;
      if (right < heap.length && this.before(heap[right]!, heap[best]!)) best = right;
      if (best === index) return;
      [heap[index], heap[best]] = [heap[best]!, heap[index]!];
      index = best;
    }
  }
}
