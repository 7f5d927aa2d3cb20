// The public API of @resonant/core. Every line here is an API decision.

export { createMemory, MEMORY_DEFAULTS, type CreateMemoryOptions } from './memory/create-memory.js';
export type { Memory } from './memory/memory.js';
export type { RememberResult } from './memory/remember.js';
export { MAX_BATCH_SIZE } from './memory/remember.js';
export { RECALL_DEFAULTS, MAX_QUERY_LENGTH, type RecallOptions } from './memory/recall.js';
export type { ForgetOptions, ForgetResult } from './memory/forget.js';
export type { StatsOptions, MemoryStats } from './memory/stats.js';
export { LIST_RECENT_DEFAULTS, type ListRecentOptions } from './memory/list-recent.js';

export type { MemoryRecord } from './records/memory-record.js';
export { RECORD_DEFAULTS } from './records/memory-record.js';
export { MEMORY_KINDS, type MemoryKind } from './records/memory-kind.js';
export type { JsonValue, MemoryMetadata } from './records/json-value.js';
export type { EmotionScores } from './records/emotion-scores.js';
export { MAX_TEXT_LENGTH, MAX_METADATA_BYTES, type RememberInput } from './records/remember-input.js';
export { formatNamespace, MAX_NAMESPACE_LENGTH, type NamespaceParts } from './records/namespace.js';

export type { RecallHit, RecallSignals } from './recall/rank-candidates.js';
export { RANKING_DEFAULTS, type RankingWeights } from './recall/ranking-weights.js';
export { FORGETTING_DEFAULTS, halfLifeDays, recencyAt, type ForgettingCurve } from './recall/forgetting-curve.js';
export { FUSION_DEFAULTS, fuseRankings, type FusionMethod, type FusionOptions } from './recall/fuse-rankings.js';

export type { Embedder } from './embed/embedder.js';
export { createHashedEmbedder, HASHED_EMBEDDER_DEFAULTS, type HashedEmbedderOptions } from './embed/hashed-embedder.js';

export { tokenizeForSearch, normalizeForSearch } from './text/tokenize-for-search.js';

export type {
  MemoryStore,
  StoredMemory,
  MemoryFilter,
  CoarseSearchRequest,
  CoarseCandidate,
  SignalUpdate,
  SignalNudge,
  MemoryPage,
  StoreCapabilities,
  StoreOpenContext,
} from './store/memory-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';

export { ResonantError, type ResonantErrorCode } from './errors/resonant-error.js';
export { InvalidInputError, type InputIssue } from './errors/invalid-input-error.js';
export { EmbedderMismatchError } from './errors/embedder-mismatch-error.js';
export { StoreFailureError } from './errors/store-failure-error.js';
export { MemoryClosedError } from './errors/memory-closed-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { CapabilityMissingError } from './errors/capability-missing-error.js';
