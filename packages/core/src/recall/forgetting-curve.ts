const DAY_MS = 86_400_000;

/**
 * The forgetting curve: how fast memories fade, how recall slows the fading, and how emotion bends
 * recall (joy lifts, aversion pushes down, trauma may flash back). The fields after
 * `longTermHalfLifeDays` are optional; absent ones take their {@link FORGETTING_DEFAULTS}.
 */
export interface ForgettingCurve {
  /** Half-life of a memory never recalled, in days. */
  halfLifeDays: number;
  /** Each recall multiplies the half-life by (1 + this), until the memory turns long-term. */
  growthPerRecall: number;
  /** Recalls after which a memory is long-term. */
  longTermAfterRecalls: number;
  /** Half-life of a long-term memory, in days. */
  longTermHalfLifeDays: number;
  /** Recalls after which a memory is a reflex: a query holding its trigger phrase brings it back first. */
  reflexAfterRecalls?: number;
  /** How far joy 1 lifts recall strength toward 1 right after the memory was made (share 0..1). */
  joyLift?: number;
  /** Days after which the joy lift has halved (counted from the memory's creation). */
  joyHalfLifeDays?: number;
  /** Share of the score that aversion 1 takes away, unless the memory was asked for directly. */
  aversionPenalty?: number;
  /** Relevance at or above which a memory counts as asked for directly (so aversion does not push it down). */
  directRelevance?: number;
  /** Chance per recall that a candidate with trauma 1 surfaces unprompted (scaled by its trauma); 0 turns flashbacks off. */
  flashbackChance?: number;
  /** Random source 0..1 for flashbacks; inject a seeded one for determinism. */
  random?: () => number;
}

/** Every forgetting and emotional-recall default, in one place. */
export const FORGETTING_DEFAULTS: Readonly<Required<ForgettingCurve>> = Object.freeze({
  /** @default 7 */
  halfLifeDays: 7,
  /** 7 days, then 10.5, 15.75, 23.6, 35.4 as recalls add up. @default 0.5 */
  growthPerRecall: 0.5,
  /** @default 5 */
  longTermAfterRecalls: 5,
  /** @default 180 */
  longTermHalfLifeDays: 180,
  /** @default 12 */
  reflexAfterRecalls: 12,
  /** @default 0.5 */
  joyLift: 0.5,
  /** @default 14 */
  joyHalfLifeDays: 14,
  /** @default 0.5 */
  aversionPenalty: 0.5,
  /** @default 0.9 */
  directRelevance: 0.9,
  /** Off unless asked for. @default 0 */
  flashbackChance: 0,
  /** @default Math.random */
  random: Math.random,
});

/** Where a memory stands on its way from fading to reflex. */
export type RecallStage = 'short-term' | 'long-term' | 'reflex';

/** The stage of a memory recalled `accessCount` times. */
export function recallStage(accessCount: number, curve: ForgettingCurve = FORGETTING_DEFAULTS): RecallStage {
  if (accessCount >= (curve.reflexAfterRecalls ?? FORGETTING_DEFAULTS.reflexAfterRecalls)) return 'reflex';
  return accessCount >= curve.longTermAfterRecalls ? 'long-term' : 'short-term';
}

/**
 * How far joy lifts recall strength at `now`: `joyLift · joy · 0.5^(days since creation / joyHalfLifeDays)`,
 * 0..1, a share of the way from the curve's strength to 1. A happy memory stays vivid for a while.
 */
export function joyLiftAt(
  joy: number,
  createdAt: Date,
  now: Date,
  curve: ForgettingCurve = FORGETTING_DEFAULTS,
): number {
  if (joy <= 0) return 0;
  const elapsedDays = Math.max(0, now.getTime() - createdAt.getTime()) / DAY_MS;
  const lift = curve.joyLift ?? FORGETTING_DEFAULTS.joyLift;
  return Math.min(
    1,
    lift * joy * 0.5 ** (elapsedDays / (curve.joyHalfLifeDays ?? FORGETTING_DEFAULTS.joyHalfLifeDays)),
  );
}

/** Half-life in days of a memory recalled `accessCount` times. */
export function halfLifeDays(accessCount: number, curve: ForgettingCurve = FORGETTING_DEFAULTS): number {
  if (accessCount >= curve.longTermAfterRecalls) return curve.longTermHalfLifeDays;
  return Math.min(curve.halfLifeDays * (1 + curve.growthPerRecall) ** accessCount, curve.longTermHalfLifeDays);
}

/**
 * Recency 0..1 at `now`: 0.5^(elapsed / half-life) since the last access. Stateless: computed at
 * query time, so nothing is rewritten as time passes. Access in the future counts as now.
 */
export function recencyAt(
  lastAccessedAt: Date,
  accessCount: number,
  now: Date,
  curve: ForgettingCurve = FORGETTING_DEFAULTS,
): number {
  const elapsedDays = Math.max(0, now.getTime() - lastAccessedAt.getTime()) / DAY_MS;
  return 0.5 ** (elapsedDays / halfLifeDays(accessCount, curve));
}
