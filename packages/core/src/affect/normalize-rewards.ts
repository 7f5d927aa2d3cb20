import { RunningStatistics } from './running-statistics.js';

/** Raw reward of an exchange on each axis, on whatever scale the caller measures it (any finite numbers). */
export type RewardAxes = Readonly<Record<string, number>>;

/** Axes the seed names; any other axis name works the same way. */
export type KnownRewardAxis = 'arousal' | 'engagement' | 'relationshipDepth';

/** How multi-axis utility is normalised and combined. */
export const UTILITY_DEFAULTS = Object.freeze({
  /** Share of a trace's own resonance in its utility target when reward axes are given; the axes share the rest equally. @default 0.5 */
  resonanceShare: 0.5,
  /** Running statistics forget values older than about this many observations. @default 200 */
  statisticsWindow: 200,
  /** Standard scores are clipped to ±this before the logistic squash. @default 3 */
  scoreClip: 3,
});

/**
 * Per-namespace running normalisation of reward axes (GDPO-style decoupled normalisation): each axis
 * is standardised against its own running mean and deviation in the namespace, then squashed to 0..1
 * with a logistic, so an axis measured in hundreds cannot swamp one measured in tenths. Kept in
 * process: statistics rebuild after a restart within a few exchanges.
 */
export class RewardNormalizer {
  private readonly statistics = new Map<string, Map<string, RunningStatistics>>();

  constructor(private readonly options: typeof UTILITY_DEFAULTS = UTILITY_DEFAULTS) {}

  /** Observes the rewards and returns each axis normalised to 0..1 (0.5 = the namespace's usual). */
  normalize(namespace: string, rewards: RewardAxes): Record<string, number> {
    let axes = this.statistics.get(namespace);
    if (!axes) {
      axes = new Map();
      this.statistics.set(namespace, axes);
    }
    const normalized: Record<string, number> = {};
    for (const [axis, value] of Object.entries(rewards)) {
      let statistics = axes.get(axis);
      if (!statistics) {
        statistics = new RunningStatistics(this.options.statisticsWindow);
        axes.set(axis, statistics);
      }
      statistics.observe(value);
      const score = Math.min(this.options.scoreClip, Math.max(-this.options.scoreClip, statistics.standardize(value)));
      normalized[axis] = 1 / (1 + Math.exp(-score));
    }
    return normalized;
  }

  /** The utility target of a trace: its resonance blended with the mean of the normalised axes. */
  utilityTarget(resonance: number, normalizedAxes: Readonly<Record<string, number>>): number {
    const values = Object.values(normalizedAxes);
    if (values.length === 0) return resonance;
    const axesMean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return this.options.resonanceShare * resonance + (1 - this.options.resonanceShare) * axesMean;
  }
}
