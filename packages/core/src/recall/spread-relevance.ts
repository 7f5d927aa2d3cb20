import type { Neighbours } from '../store/memory-store.js';

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

/** An episode whose score spreads: its id, lexical score and creation time (ms). */
export interface SpreadSource {
  readonly id: string;
  readonly score: number;
  readonly createdAt: number;
}

/** One share of relevance an episode receives from a neighbour. */
export interface SpreadShare {
  readonly id: string;
  readonly share: number;
}

/**
 * The shares each source passes to the episodes around it (`neighbours`, as the store listed them:
 * nearest first), in order: sources as given, the earlier side before the later one, nearest
 * first. A share is `weight x score`, times `decay` per further step; a pause longer than
 * `maxGapMs` between two consecutive episodes stops it. Shares come from the scores as given
 * (no cascade).
 */
export function spreadRelevance(
  sources: readonly SpreadSource[],
  neighbours: ReadonlyMap<string, Neighbours>,
  options: ContextSpreadOptions,
): SpreadShare[] {
  const shares: SpreadShare[] = [];
  if (options.weight <= 0 || options.reach < 1) return shares;
  for (const source of sources) {
    if (source.score === 0) continue;
    const around = neighbours.get(source.id);
    if (!around) continue;
    for (const side of [around.before, around.after]) {
      let share = options.weight * source.score;
      let from = source.createdAt;
      for (let step = 0; step < options.reach && step < side.length; step++) {
        const to = side[step]!;
        if (Math.abs(to.createdAt - from) > options.maxGapMs) break;
        shares.push({ id: to.id, share });
        share *= options.decay;
        from = to.createdAt;
      }
    }
  }
  return shares;
}
