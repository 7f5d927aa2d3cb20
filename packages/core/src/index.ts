// The public API of @resonant/core: what an application author uses (create a memory, remember, recall,
// build context, apply feedback, consolidate), with their options, results and errors. What store
// authors, ranking work and framework adapters need lives in the subpath entries beside this file:
// `@resonant/core/store`, `/ranking`, `/context`, `/adapters`, `/testing`, `/research`, `/persona`,
// `/local-embedder`. Every line here is an API decision.

export { createMemory, MEMORY_DEFAULTS, type CreateMemoryOptions } from './memory/create-memory.js';
export type { Memory } from './memory/memory.js';
export { type RememberResult, MAX_BATCH_SIZE } from './remember/remember.js';
export { RECALL_DEFAULTS, MAX_QUERY_LENGTH, type RecallOptions } from './recall/recall.js';
export type { ForgetOptions, ForgetResult } from './consolidate/forget.js';
export type { ReinforceOptions, ReinforceResult } from './recall/reinforce.js';
export type { StatsOptions, MemoryStats, StoreStats } from './memory/stats.js';
export type { WarmOptions } from './recall/warm.js';
export { LIST_RECENT_DEFAULTS, type ListRecentOptions } from './recall/list-recent.js';
export { LIST_DEFAULTS, type MemoryListOptions } from './recall/list.js';
export {
  BUILD_CONTEXT_DEFAULTS,
  shownMemoryIds,
  type BuildContextOptions,
  type BuildContextResult,
  type ContextWarning,
} from './budget/build-context.js';
export type { ConsolidateOptions } from './consolidate/consolidate.js';
export type { DrillDownOptions, DrillDownResult, DrillDownNode } from './budget/drill-down.js';
export type { EntityBacklinksOptions, EntityBacklinks } from './consolidate/entity-backlinks.js';
export type { MergeEntityOptions, MergeEntityResult } from './consolidate/merge-entity.js';
export { DEDUP_DEFAULTS } from './remember/find-duplicates.js';
export type {
  ConsolidateResult,
  ConsolidationProgress,
  ConsolidationPhase,
} from './consolidate/consolidate-namespace.js';
export { CONSOLIDATION_DEFAULTS } from './consolidate/consolidation-settings.js';
export { CONSOLIDATION_LEVELS, type ConsolidationLevel } from './consolidate/consolidation-period.js';
export { createProgressBar, type ProgressBarOptions } from './consolidate/progress-bar.js';
export type { BudgetCategory, ContextBudget, ContextBudgetInput } from './budget/context-budget.js';
export { withPromptUsage, type TurnPrompt } from './budget/with-prompt-usage.js';
export { formatBudgetReport, type BudgetReport, type BudgetLine } from './budget/budget-report.js';
export { CONTEXT_GUARD_DEFAULTS, createContextGuard, type ContextGuard } from './budget/context-guard.js';
export type { ContextItem, ContextMode, CompressionInfo } from './budget/pack-context.js';
export type { Summarizer, SummarizerInput } from './compress/summarizer.js';
export { createExtractiveSummarizer } from './compress/extractive-summarizer.js';
export {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportOptions,
  type ExportHeaderLine,
  type ExportMemoryLine,
  type ExportEntityLine,
  type ExportLinkLine,
} from './transfer/export-memories.js';
export { IMPORT_BATCH_SIZE, type ImportOptions, type ImportResult } from './transfer/import-memories.js';
export type { MemoryRecord } from './records/memory-record.js';
export { MEMORY_KINDS, type MemoryKind } from './records/memory-kind.js';
export type { JsonValue, MemoryMetadata } from './records/json-value.js';
export type { EmotionScores } from './records/emotion-scores.js';
export { MAX_TEXT_LENGTH, MAX_METADATA_BYTES, type RememberInput } from './records/remember-input.js';
export { formatNamespace, isValidNamespace, MAX_NAMESPACE_LENGTH, type NamespaceParts } from './records/namespace.js';
export type { RecallHit, RecallSignals } from './recall/rank-candidates.js';
export { RANKING_DEFAULTS, type RankingWeights } from './recall/ranking-weights.js';
export { explainScore, type ScoreParts } from './recall/explain-score.js';
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
} from './feedback/apply-feedback.js';
export {
  estimateArousal,
  type ArousalEstimate,
  type ArousalFeature,
  type ArousalFeatureName,
} from './affect/estimate-arousal.js';
export { FEEDBACK_INSTRUCTION } from './feedback/feedback-instruction.js';
export type { Embedder, EmbedOptions, EmbedPurpose } from './embed/embedder.js';
export { createHashedEmbedder, HASHED_EMBEDDER_DEFAULTS, type HashedEmbedderOptions } from './embed/hashed-embedder.js';
export { createTiktokenCounter, TOKEN_COUNTER_DEFAULTS, type TokenCounter } from './text/token-counter.js';
export type { MemoryStore, StoredMemory, MemoryFilter, StoreCapabilities } from './store/memory-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
export type { VectorIndexOptions } from './store/index/vector-index-options.js';
export type { VectorGraphEvent, SavedGraphRejection } from './store/index/vector-graph-file.js';
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
export { ReembedInProgressError } from './errors/reembed-in-progress-error.js';
export { StoreFailureError } from './errors/store-failure-error.js';
export { MemoryClosedError } from './errors/memory-closed-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { CapabilityMissingError } from './errors/capability-missing-error.js';
export { NamespaceForbiddenError } from './errors/namespace-forbidden-error.js';
export { WriteConflictError } from './errors/write-conflict-error.js';

// Types that appear in the signatures above (results, pages, graph and feedback-log views).
export type { RetentionScore } from './compress/retention-score.js';
export type { CompressionJudge, CompressionJudgement } from './compress/compression-judge.js';
export type {
  MemoryPage,
  ListOptions,
  MemoryLink,
  LinkType,
  EntityNode,
  AdjacentMemories,
  LinkPage,
  EntityPage,
  GraphPageOptions,
  TimelineEntry,
} from './store/memory-store.js';
export type { FeedbackLogEntry, FeedbackLogQuery, FeedbackSignals } from './store/feedback-log-store.js';
// added by outbox
export type { DroppedUpdate } from './store/qdrant/qdrant-store.js';
