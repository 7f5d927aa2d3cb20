// The public API of @resonant/core. Every line here is an API decision.

export { createMemory, MEMORY_DEFAULTS, type CreateMemoryOptions } from './memory/create-memory.js';
export type { Memory } from './memory/memory.js';
export type { RememberResult } from './memory/remember.js';
export { MAX_BATCH_SIZE } from './memory/remember.js';
export { RECALL_DEFAULTS, MAX_QUERY_LENGTH, type RecallOptions } from './memory/recall.js';
export type { ForgetOptions, ForgetResult } from './memory/forget.js';
export type { ReinforceOptions, ReinforceResult } from './memory/reinforce.js';
export type { StatsOptions, MemoryStats, StoreStats } from './memory/stats.js';
export type { WarmOptions } from './memory/warm.js';
export { LIST_RECENT_DEFAULTS, type ListRecentOptions } from './memory/list-recent.js';
export { LIST_DEFAULTS, type MemoryListOptions } from './memory/list.js';
export {
  BUILD_CONTEXT_DEFAULTS,
  shownMemoryIds,
  type BuildContextOptions,
  type BuildContextResult,
  type ContextWarning,
} from './memory/build-context.js';
export type { ConsolidateOptions } from './memory/consolidate.js';
export type { DrillDownOptions, DrillDownResult, DrillDownNode } from './memory/drill-down.js';
export type { EntityBacklinksOptions, EntityBacklinks } from './memory/entity-backlinks.js';
export type { MergeEntityOptions, MergeEntityResult } from './memory/merge-entity.js';
export { DEDUP_DEFAULTS } from './memory/find-duplicates.js';

export type {
  ConsolidateResult,
  ConsolidationProgress,
  ConsolidationPhase,
} from './consolidate/consolidate-namespace.js';
export { CONSOLIDATION_DEFAULTS } from './consolidate/consolidation-settings.js';
export { CONSOLIDATION_LEVELS, type ConsolidationLevel } from './consolidate/consolidation-period.js';
export {
  extractEntities,
  entityKey,
  MAX_MENTIONS_PER_MEMORY,
  type EntityMention,
} from './consolidate/extract-entities.js';
export { createProgressBar, type ProgressBarOptions } from './consolidate/progress-bar.js';
export { EXPANSION_DEFAULTS, type ExpansionOptions } from './recall/expand-candidates.js';
export { routeIntent, INTENT_LINK_PREFERENCES, type RecallIntent, type LinkPreference } from './recall/route-intent.js';

export {
  BUDGET_CATEGORIES,
  type BudgetCategory,
  type ContextBudget,
  type ContextBudgetInput,
} from './budget/context-budget.js';
export { withPromptUsage, type TurnPrompt } from './budget/with-prompt-usage.js';
export { formatBudgetReport, type BudgetReport, type BudgetLine } from './budget/budget-report.js';
export { CONTEXT_GUARD_DEFAULTS, createContextGuard, type ContextGuard } from './budget/context-guard.js';
export { CRISIS_DEFAULTS, isCrisisMemory } from './budget/is-crisis-memory.js';
export { memoryReference } from './budget/memory-reference.js';
export { escapeMemoryText } from './budget/escape-memory-text.js';
export { memorySalience } from './budget/salience.js';
export { MEMORY_BLOCK_FRAME } from './budget/render-memory-block.js';
export { MEMORY_TONE_DEFAULTS } from './budget/memory-tone.js';
export { EARNED_AROUSAL_DEFAULTS, earnedArousal } from './affect/earned-arousal.js';
export {
  PACK_CONTEXT_DEFAULTS,
  type ContextItem,
  type ContextMode,
  type CompressionInfo,
} from './budget/pack-context.js';

export type { Summarizer, SummarizerInput } from './compress/summarizer.js';
export { createExtractiveSummarizer, EXTRACTIVE_SUMMARIZER_DEFAULTS } from './compress/extractive-summarizer.js';
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
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportOptions,
  type ExportHeaderLine,
  type ExportMemoryLine,
  type ExportEntityLine,
  type ExportLinkLine,
} from './memory/export-memories.js';
export { IMPORT_BATCH_SIZE, type ImportOptions, type ImportResult } from './memory/import-memories.js';

export type { MemoryRecord } from './records/memory-record.js';
export { RECORD_DEFAULTS } from './records/memory-record.js';
export { MEMORY_KINDS, type MemoryKind } from './records/memory-kind.js';
export type { JsonValue, MemoryMetadata } from './records/json-value.js';
export type { EmotionScores } from './records/emotion-scores.js';
export { MAX_TEXT_LENGTH, MAX_METADATA_BYTES, type RememberInput } from './records/remember-input.js';
export {
  formatNamespace,
  isValidNamespace,
  isWithinNamespace,
  MAX_NAMESPACE_LENGTH,
  type NamespaceParts,
} from './records/namespace.js';

export type { RecallHit, RecallSignals } from './recall/rank-candidates.js';
export { RANKING_DEFAULTS, type RankingWeights } from './recall/ranking-weights.js';
export { explainScore, type ScoreParts } from './recall/explain-score.js';
export { FORGETTING_DEFAULTS, halfLifeDays, recencyAt, type ForgettingCurve } from './recall/forgetting-curve.js';
export { FUSION_DEFAULTS, fuseRankings, type FusionMethod, type FusionOptions } from './recall/fuse-rankings.js';

export { recallStage, joyLiftAt, type RecallStage } from './recall/forgetting-curve.js';

// Closing the loop: feedback tags from model output, affect, utility learning.
export { parseFeedbackTags } from './feedback/parse-feedback-tags.js';
export { createTagStripper, type TagStripper } from './feedback/create-tag-stripper.js';
export { stripTagStream, type StripTagStreamOptions } from './feedback/strip-tag-stream.js';
export {
  FEEDBACK_DEFAULTS,
  type FeedbackTag,
  type MemoryTraceTag,
  type PersonaEmotionTag,
  type FeedbackParse,
  type DroppedTag,
  type AdjustedValue,
} from './feedback/feedback-tag.js';
export {
  APPLY_FEEDBACK_DEFAULTS,
  MAX_FEEDBACK_TEXT_LENGTH,
  type ApplyFeedbackOptions,
  type ApplyFeedbackResult,
  type AppliedTrace,
} from './memory/apply-feedback.js';
export {
  estimateArousal,
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

// What the framework adapters share: the tag instruction, the LLM summarizer prompt, a chat turn's memory loop.
export { FEEDBACK_INSTRUCTION } from './feedback/feedback-instruction.js';
export { summarizerPrompt, type SummarizerPrompt } from './compress/summarizer-prompt.js';
export { parseInput } from './memory/parse-input.js';
export { countNoun, MEMORY_NOUN, type NounForms } from './text/count-noun.js';
export {
  createConversationMemory,
  type ConversationMemory,
  type ConversationMemoryOptions,
  type ConversationStage,
  type ConversationTurn,
  type PreparedTurn,
} from './feedback/create-conversation-memory.js';
export { resolveNamespace, type NamespaceOption } from './feedback/resolve-namespace.js';

// Keyed items: a key-value view over memory in nested namespaces, for framework stores (LangGraph's BaseStore).
export {
  createKeyedItems,
  KEYED_ITEMS_DEFAULTS,
  type KeyedItems,
  type KeyedItemsOptions,
  type ItemKey,
  type PutItemOptions,
  type SearchItemsOptions,
  type ListItemNamespacesOptions,
} from './items/create-keyed-items.js';
export type { KeyedItem, ItemMetadataKeys } from './items/keyed-item.js';
export { joinNamespacePath, splitNamespacePath, type NamespacePathCondition } from './items/namespace-path.js';

export type { Embedder, EmbedOptions, EmbedPurpose } from './embed/embedder.js';
export { createHashedEmbedder, HASHED_EMBEDDER_DEFAULTS, type HashedEmbedderOptions } from './embed/hashed-embedder.js';

export { tokenizeForSearch, normalizeForSearch } from './text/tokenize-for-search.js';
export {
  createTiktokenCounter,
  encodingForModel,
  TOKEN_COUNTER_DEFAULTS,
  type TokenCounter,
} from './text/token-counter.js';

export type {
  MemoryStore,
  StoredMemory,
  MemoryFilter,
  CreatedWithin,
  Bm25Parameters,
  LexicalQuery,
  LexicalCandidate,
  VectorQuery,
  VectorCandidate,
  NeighbourQuery,
  Neighbours,
  TimelineEntry,
  SignalUpdate,
  SignalNudge,
  MemoryPage,
  ListOptions,
  StoreCapabilities,
  StoreOpenContext,
  MemoryGraph,
  GraphChange,
  GraphExpectation,
  MemoryLink,
  LinkType,
  EntityNode,
  EntityWrite,
  AdjacentMemories,
  GraphPageOptions,
  LinkPage,
  EntityPage,
} from './store/memory-store.js';
export type { PersonaStateStore, PersonaStateSnapshot, PersonaStateWrite } from './store/persona-state-store.js';
export type {
  FeedbackLogStore,
  FeedbackLogEntry,
  FeedbackLogQuery,
  FeedbackSignals,
} from './store/feedback-log-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
export { BM25_DEFAULTS } from './store/bm25.js';
export { CONTEXT_SPREAD_DEFAULTS, type ContextSpreadOptions } from './recall/spread-relevance.js';
export { LEXICAL_SEARCH_DEFAULTS, PLAIN_BM25, type LexicalSearchOptions } from './recall/lexical-search-options.js';
export {
  findCandidates,
  COARSE_DEFAULTS,
  type CandidateRequest,
  type CoarseSettings,
} from './recall/find-candidates.js';
export type { CoarseCandidate } from './recall/coarse-candidate.js';
export { EVERYDAY_CONCEPTS } from './text/everyday-concepts.js';
export { expandQueryTerms, QUERY_EXPANSION_DEFAULTS } from './text/expand-query-terms.js';
export { findDateRanges, type DateRange } from './text/find-date-ranges.js';
export {
  qdrantStore,
  QDRANT_STORE_DEFAULTS,
  type QdrantStoreOptions,
  type QdrantMemoryStore,
  type OutboxStatus,
} from './store/qdrant/qdrant-store.js';

export { ResonantError, type ResonantErrorCode } from './errors/resonant-error.js';
export { InvalidInputError, type InputIssue } from './errors/invalid-input-error.js';
export { EmbedderMismatchError } from './errors/embedder-mismatch-error.js';
export { StoreFailureError } from './errors/store-failure-error.js';
export { MemoryClosedError } from './errors/memory-closed-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { CapabilityMissingError } from './errors/capability-missing-error.js';
export { NamespaceForbiddenError } from './errors/namespace-forbidden-error.js';
export { WriteConflictError } from './errors/write-conflict-error.js';
