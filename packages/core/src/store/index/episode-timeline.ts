/**
 * How lexical relevance spreads to the turns around a matching turn. In a conversation the turn
 * that answers is often not the one that shares the query's words: "What kind of counseling do
 * you want to do?" is followed by "Working with trans people in mental health". So each episode
 * receives a share of the lexical score of the episodes remembered just before and after it
 * (context smoothing of passage scores), as long as no pause longer than `maxGapMs` separates them.
 */
export interface ContextSpreadOptions {
  /** Share of a neighbour's score an adjacent episode receives; 0 turns spreading off. */
  weight: number;
  /** Each step further away multiplies the share by this. */
  decay: number;
  /** How many episodes away, on each side, a score reaches. */
  reach: number;
  /** A pause longer than this (ms) between two episodes ends the conversation: nothing spreads across it. */
  maxGapMs: number;
}

export const CONTEXT_SPREAD_DEFAULTS: Readonly<ContextSpreadOptions> = Object.freeze({
  /** @default 0.4 */
  weight: 0.4,
  /** @default 0.6 */
  decay: 0.6,
  /** @default 3 */
  reach: 3,
  /** Thirty minutes. @default 1_800_000 */
  maxGapMs: 1_800_000,
});

const NONE = -1;
/** Marks a slot that is not on the timeline (not an episode, or removed). */
const ABSENT = -2;

/**
 * The episodes of one namespace in creation order (a doubly linked list over index slots), so a
 * search can find the turns said just before and after a hit. Appending in time order is O(1);
 * a memory dated in the past walks back from the newest to its place.
 */
export class EpisodeTimeline {
  private times = new Float64Array(16);
  private previous = new Int32Array(16).fill(ABSENT);
  private next = new Int32Array(16).fill(ABSENT);
  private newest = NONE;

  add(slot: number, createdAt: number): void {
    if (this.has(slot)) this.remove(slot);
    this.ensureCapacity(slot + 1);
    this.times[slot] = createdAt;
    // Walk back past later episodes; equal times keep insertion order.
    let before = this.newest;
    let after = NONE;
    while (before !== NONE && this.times[before]! > createdAt) {
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
    const before = this.previous[slot]!;
    const after = this.next[slot]!;
    if (before !== NONE) this.next[before] = after;
    if (after !== NONE) this.previous[after] = before;
    else this.newest = before;
    this.previous[slot] = ABSENT;
    this.next[slot] = ABSENT;
  }

  has(slot: number): boolean {
    return slot < this.previous.length && this.previous[slot] !== ABSENT;
  }

  /**
   * Adds to `scores` the share each touched episode passes to its neighbours and returns the
   * slots that now have a score. Shares come from the scores as given (no cascade).
   */
  spread(scores: Float64Array, touched: readonly number[], options: ContextSpreadOptions): number[] {
    if (options.weight <= 0 || options.reach < 1) return [...touched];
    const given = new Map<number, number>();
    for (const slot of touched) if (this.has(slot)) given.set(slot, scores[slot]!);
    const reached = [...touched];
    for (const [slot, score] of given) {
      for (const links of [this.previous, this.next]) {
        let share = options.weight * score;
        let from = slot;
        for (let step = 0; step < options.reach; step++) {
          const to = links[from]!;
          if (to === NONE || Math.abs(this.times[to]! - this.times[from]!) > options.maxGapMs) break;
          if (scores[to] === 0) reached.push(to);
          scores[to]! += share;
          share *= options.decay;
          from = to;
        }
      }
    }
    return reached;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.previous.length) return;
    let capacity = this.previous.length;
    while (capacity < needed) capacity *= 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const previous = new Int32Array(capacity).fill(ABSENT);
    previous.set(this.previous);
    const next = new Int32Array(capacity).fill(ABSENT);
    next.set(this.next);
    this.times = times;
    this.previous = previous;
    this.next = next;
  }
}
