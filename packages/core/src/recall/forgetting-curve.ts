const DAY_MS = 86_400_000;

/** The forgetting curve: how fast memories fade and how recall slows the fading. */
export interface ForgettingCurve {
  /** Half-life of a memory never recalled, in days. */
  halfLifeDays: number;
  /** Each recall multiplies the half-life by (1 + this), until the memory turns long-term. */
  growthPerRecall: number;
  /** Recalls after which a memory is long-term. */
  longTermAfterRecalls: number;
  /** Half-life of a long-term memory, in days. */
  longTermHalfLifeDays: number;
}

export const FORGETTING_DEFAULTS: Readonly<ForgettingCurve> = Object.freeze({
  /** @default 7 */
  halfLifeDays: 7,
  /** @default 0.5 */
  growthPerRecall: 0.5,
  /** @default 5 */
  longTermAfterRecalls: 5,
  /** @default 180 */
  longTermHalfLifeDays: 180,
});

/** Half-life in days of a memory recalled `accessCount` times. */
export function halfLifeDays(accessCount: number, curve: ForgettingCurve = FORGETTING_DEFAULTS): number {
  if (accessCount >= curve.longTermAfterRecalls) return curve.longTermHalfLifeDays;
  return Math.min(curve.halfLifeDays * (1 + curve.growthPerRecall) ** accessCount, curve.longTermHalfLifeDays);
}

/**
 * Recency 0..1 at `now`: 0.5^(elapsed / half-life) since the last access. Stateless: computed at
 * query time, so nothing is rewritten as time passes. Access in the future counts as now.
 */
export function recencyAt(lastAccessedAt: Date, accessCount: number, now: Date, curve: ForgettingCurve = FORGETTING_DEFAULTS): number {
  const elapsedDays = Math.max(0, now.getTime() - lastAccessedAt.getTime()) / DAY_MS;
  return 0.5 ** (elapsedDays / halfLifeDays(accessCount, curve));
}
