/** A scored item in an index: slot number and score, higher is better. */
export interface ScoredSlot {
  slot: number;
  score: number;
}

/** Lower slots first among equal scores: the order of an index on its own. */
const lowerSlotFirst = (a: number, b: number): boolean => a < b;

/**
 * Keeps the k best-scoring slots seen so far in a min-heap, so selecting the top k of n costs
 * O(n log k) and allocates nothing per item. Equal scores are ordered by `precedes` (true when
 * slot `a` ranks before slot `b`), so which of several tied items make the cut is defined, not an
 * accident of the order they were offered in: stores pass an order by memory id, so that every
 * store keeps the same ones.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly precedes: (a: number, b: number) => boolean = lowerSlotFirst,
  ) {
    this.slots = new Int32Array(Math.max(k, 1));
    this.scores = new Float64Array(Math.max(k, 1));
  }

  /** The score an item must reach to have a chance of entering (−∞ until the heap is full); an equal score enters if `precedes` says so. */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  offer(slot: number, score: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      this.slots[this.size] = slot;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (score > this.scores[0]! || (score === this.scores[0]! && this.precedes(slot, this.slots[0]!))) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  result(): ScoredSlot[] {
    const out: ScoredSlot[] = [];
    for (let i = 0; i < this.size; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || (a.slot === b.slot ? 0 : this.precedes(a.slot, b.slot) ? -1 : 1));
  }

  /** True when the item at heap index `a` ranks below the one at `b` (the heap keeps the worst on top). */
  private worse(a: number, b: number): boolean {
    const scoreA = this.scores[a]!;
    const scoreB = this.scores[b]!;
    return scoreA < scoreB || (scoreA === scoreB && this.precedes(this.slots[b]!, this.slots[a]!));
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.worse(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let worst = index;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === index) return;
      this.swap(index, worst);
      index = worst;
    }
  }

  private swap(a: number, b: number): void {
    const slot = this.slots[a]!;
    this.slots[a] = this.slots[b]!;
    this.slots[b] = slot;
    const score = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = score;
  }
}
