import { TopK } from './top-k.js';

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

/** How much lexical score an episode passes to the turns said just before and after it, and how far. */
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
/** An episode dated at most this many places before the newest is linked in place; older ones wait for a relink. */
const MAX_WALK_BACK = 32;

/**
 * The episodes of one namespace in creation order (a doubly linked list over index slots), so a
 * search can find the turns said just before and after a hit. Appending in time order is O(1), a
 * slightly late arrival walks back a few places; one dated further back marks the list stale and
 * the next search relinks it with one sort, so importing history in any order stays O(n log n).
 */
export class EpisodeTimeline {
  private times = new Float64Array(16);
  private previous = new Int32Array(16).fill(NONE);
  private next = new Int32Array(16).fill(NONE);
  private present = new Uint8Array(16);
  private newest = NONE;
  private stale = false;

  add(slot: number, createdAt: number): void {
    if (this.has(slot)) this.remove(slot);
    this.ensureCapacity(slot + 1);
    this.times[slot] = createdAt;
    this.present[slot] = 1;
    if (this.stale) return;
    // Walk back past later episodes, a few steps at most; equal times keep insertion order.
    let before = this.newest;
    let after = NONE;
    for (let steps = 0; before !== NONE && this.times[before]! > createdAt; steps++) {
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
   * Adds to `scores` the share that each of the best `maxSources` touched episodes passes to its
   * neighbours, and returns the slots that now have a score. Shares come from the scores as given
   * (no cascade). Weaker sources are skipped: their shares could not lift a neighbour into the top.
   */
  spread(scores: Float64Array, touched: readonly number[], options: ContextSpreadOptions, maxSources = Infinity): number[] {
    if (options.weight <= 0 || options.reach < 1) return [...touched];
    if (this.stale) this.relink();
    const sources = touched.length > maxSources ? bestSlots(scores, touched, maxSources) : touched;
    const given: number[] = [];
    for (const slot of sources) given.push(this.has(slot) ? scores[slot]! : 0);
    const reached = [...touched];
    for (let index = 0; index < sources.length; index++) {
      const slot = sources[index]!;
      const score = given[index]!;
      if (score === 0) continue;
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

  /** Rebuilds the links of all present episodes in (time, slot) order. */
  private relink(): void {
    const slots: number[] = [];
    for (let slot = 0; slot < this.present.length; slot++) if (this.present[slot] === 1) slots.push(slot);
    slots.sort((a, b) => this.times[a]! - this.times[b]! || a - b);
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

function bestSlots(scores: Float64Array, slots: readonly number[], count: number): number[] {
  const top = new TopK(count);
  for (const slot of slots) if (scores[slot]! > top.threshold) top.offer(slot, scores[slot]!);
  return top.result().map((hit) => hit.slot);
}
