// The context entry of @resonant/core (`@resonant/core/context`): the building blocks of the memory
// block and of consolidation: budget categories, salience and tone, compression and summaries, entity
// extraction, affect appraisal and utility axes.

export type { ConsolidationLevel } from './consolidate/consolidation-period.js';
export {
  extractEntities,
  entityKey,
  MAX_MENTIONS_PER_MEMORY,
  type EntityMention,
} from './entities/extract-entities.js';
export {
  BUDGET_CATEGORIES,
  type BudgetCategory,
  type ContextBudget,
  type ContextBudgetInput,
} from './budget/context-budget.js';
export type { TurnPrompt } from './budget/with-prompt-usage.js';
export type { BudgetReport, BudgetLine } from './budget/budget-report.js';
export type { ContextGuard } from './budget/context-guard.js';
export { CRISIS_DEFAULTS, isCrisisMemory } from './budget/is-crisis-memory.js';
export { memorySalience } from './budget/salience.js';
export { MEMORY_TONE_DEFAULTS } from './budget/memory-tone.js';
export { EARNED_AROUSAL_DEFAULTS, earnedArousal } from './affect/earned-arousal.js';
export {
  PACK_CONTEXT_DEFAULTS,
  type ContextItem,
  type ContextMode,
  type CompressionInfo,
} from './budget/pack-context.js';
export type { Summarizer, SummarizerInput } from './compress/summarizer.js';
export { EXTRACTIVE_SUMMARIZER_DEFAULTS } from './compress/extractive-summarizer.js';
export { retentionScore, type RetentionScore } from './compress/retention-score.js';
export { extractKeyTerms, KEY_TERMS_DEFAULTS, type KeyTerms } from './compress/key-terms.js';
export {
  compressionRatio,
  COMPRESSION_RATIO_BOUNDS,
  type CompressionRatioInput,
} from './compress/compression-ratio.js';
export {
  COMPRESSION_JUDGE_DEFAULTS,
  type CompressionJudge,
  type CompressionJudgement,
} from './compress/compression-judge.js';
export {
  AROUSAL_ESTIMATE_DEFAULTS,
  type ArousalEstimate,
  type ArousalFeature,
  type ArousalFeatureName,
} from './affect/estimate-arousal.js';
export {
  EMOTION_CATEGORIES,
  EMOTION_VOCABULARY,
  resolveEmotionCategory,
  type EmotionCategory,
  type EmotionCoordinates,
} from './affect/emotion-vocabulary.js';
export { appraiseEmotion, type FeltEmotion, type EmotionAppraisal } from './affect/appraise-emotion.js';
export { appraiseExchange, EXCHANGE_APPRAISAL_DEFAULTS, type ExchangeAppraisal } from './affect/appraise-exchange.js';
export { UTILITY_DEFAULTS, type RewardAxes, type KnownRewardAxis } from './affect/normalize-rewards.js';
export { createEpisode, EPISODE_DEFAULTS, type EpisodeInput, type EpisodeType } from './affect/create-episode.js';
export type { SummarizerPrompt } from './compress/summarizer-prompt.js';
