/** How consolidation groups, budgets and retires memories (see {@link CONSOLIDATION_DEFAULTS}). */
export interface ConsolidationSettings {
  readonly sessionGapMinutes: number;
  readonly retentionDays: readonly number[];
  readonly budgetChars: readonly number[];
  readonly detailArousal: number;
  readonly detailUtility: number;
  readonly detailShare: number;
  readonly crisisThreshold: number;
  readonly utcOffsetMinutes: number;
  readonly writeBatch: number;
}

/** How consolidation groups, budgets and retires memories. Arrays are indexed by level (0 session, 1 day, 2 week, 3 milestone). */
export const CONSOLIDATION_DEFAULTS: Readonly<ConsolidationSettings> = Object.freeze({
  /** Episodes further apart than this start a new session (sessions also end at midnight). @default 30 */
  sessionGapMinutes: 30,
  /**
   * Retention per level, in days: the children of a level-L summary are archived once the summary's
   * period ended this long ago (raw episodes after 1 day, sessions after 7, days after 30; weeks stay).
   * @default [1, 7, 30, Infinity]
   */
  retentionDays: Object.freeze([1, 7, 30, Number.POSITIVE_INFINITY]),
  /** Most characters of a summary per level, its date label included. @default [600, 350, 150, 150] */
  budgetChars: Object.freeze([600, 350, 150, 150]),
  /** Children at or above this arousal stay in detail in their summary. @default 0.6 */
  detailArousal: 0.6,
  /** Children at or above this utility stay in detail in their summary. @default 0.75 */
  detailUtility: 0.75,
  /** Share of a summary's budget that detailed children may fill. @default 0.5 */
  detailShare: 0.5,
  /** Crisis items (`crisis` at or above this) are always kept in detail. @default 0.5 */
  crisisThreshold: 0.5,
  /** Where days begin: minutes east of UTC (540 for Japan). @default 0 */
  utcOffsetMinutes: 0,
  /** Summaries written per transaction (each batch is all or nothing). @default 32 */
  writeBatch: 32,
});
