const NONE = -1;
/** An episode dated at most this many places before the newest is linked in place; older ones wait for a relink. */
const MAX_WALK_BACK = 32;

/** Lower slots first among equal times: the order of a timeline on its own. */
const lowerSlotFirst = (a: number, b: number): boolean => a < b;

/**
 * The episodes of one namespace in creation order (a doubly linked list over index slots), so a
 * query can find the turns said just before and after a memory. Equal times are ordered by
 * `precedes` (the store passes an order by memory id: the listing order). Appending in time order
 * is O(1), a slightly late arrival walks back a few places; one dated further back marks the list
 * stale and the next query relinks it with one sort, so importing history in any order stays
 * O(n log n).
 */
export class EpisodeTimeline {
  private times = new Float64Array(16);
  private previous = new Int32Array(16).fill(NONE);
  private next = new Int32Array(16).fill(NONE);
  private present = new Uint8Array(16);
  private newest = NONE;
  private stale = false;

  constructor(private readonly precedes: (a: number, b: number) => boolean = lowerSlotFirst) {}

  add(slot: number, createdAt: number): void {
    if (this.has(slot)) this.remove(slot);
    this.ensureCapacity(slot + 1);
    this.times[slot] = createdAt;
    this.present[slot] = 1;
    if (this.stale) return;
    // Walk back past later episodes (and equal times that rank after this one), a few steps at most.
    let before = this.newest;
    let after = NONE;
    for (let steps = 0; before !== NONE && this.comesAfter(before, createdAt, slot); steps++) {
      if (steps === MAX_WALK_BACK) {
        this.stale = true;
        return;
      }
      after = before;
      before = this.previous[before]!;
    }
    this.previous[slot] = before;
    this.next[slot] = after;
    if (before !== NONE) this.next[before] = slot;
    if (after !== NONE) this.previous[after] = slot;
    else this.newest = slot;
  }

  remove(slot: number): void {
    if (!this.has(slot)) return;
    this.present[slot] = 0;
    if (this.stale) return;
    const before = this.previous[slot]!;
    const after = this.next[slot]!;
    if (before !== NONE) this.next[before] = after;
    if (after !== NONE) this.previous[after] = before;
    else this.newest = before;
  }

  has(slot: number): boolean {
    return slot < this.present.length && this.present[slot] === 1;
  }

  /**
   * The episodes just before and just after `slot` that `accept` allows, nearest first, up to
   * `radius` on each side (others are stepped over); none when the slot is not on the timeline.
   */
  neighbours(slot: number, radius: number, accept: (slot: number) => boolean): { before: number[]; after: number[] } {
    if (!this.has(slot) || radius < 1) return { before: [], after: [] };
    if (this.stale) this.relink();
    const walk = (links: Int32Array): number[] => {
      const found: number[] = [];
      for (let at = links[slot]!; at !== NONE && found.length < radius; at = links[at]!) if (accept(at)) found.push(at);
      return found;
    };
    return { before: walk(this.previous), after: walk(this.next) };
  }

  /** True when the episode at `slot` comes after an episode of `createdAt` at `other` (later, or as late and ranked after it). */
  private comesAfter(slot: number, createdAt: number, other: number): boolean {
    const time = this.times[slot]!;
    return time > createdAt || (time === createdAt && this.precedes(other, slot));
  }

  /** Rebuilds the links of all present episodes in (time, slot) order. */
  private relink(): void {
    const slots: number[] = [];
    for (let slot = 0; slot < this.present.length; slot++) if (this.present[slot] === 1) slots.push(slot);
    slots.sort((a, b) => this.times[a]! - this.times[b]! || (a === b ? 0 : this.precedes(a, b) ? -1 : 1));
    let before = NONE;
    for (const slot of slots) {
      this.previous[slot] = before;
      if (before !== NONE) this.next[before] = slot;
      before = slot;
    }
    if (before !== NONE) this.next[before] = NONE;
    this.newest = before;
    this.stale = false;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.present.length) return;
    let capacity = this.present.length;
    while (capacity < needed) capacity *= 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const previous = new Int32Array(capacity).fill(NONE);
    previous.set(this.previous);
    const next = new Int32Array(capacity).fill(NONE);
    next.set(this.next);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.times = times;
    this.previous = previous;
    this.next = next;
    this.present = present;
  }
}
