// The store entry of @resonant/core (`@resonant/core/store`): the interface a storage backend implements
// (records in, lexical and vector candidates out), the records it holds, and the SQLite reference backend.

export { type MemoryRecord, RECORD_DEFAULTS } from './records/memory-record.js';
export { MEMORY_KINDS, type MemoryKind } from './records/memory-kind.js';
export type { JsonValue, MemoryMetadata } from './records/json-value.js';
export type { EmotionScores } from './records/emotion-scores.js';
export type { RememberInput } from './records/remember-input.js';
export { formatNamespace, isWithinNamespace, type NamespaceParts } from './records/namespace.js';
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
export type { VectorIndexOptions } from './store/index/vector-index-options.js';
export type { VectorGraphEvent, SavedGraphRejection } from './store/index/vector-graph-file.js';
export { BM25_DEFAULTS } from './store/bm25.js';
export type { QdrantStoreOptions, QdrantMemoryStore, OutboxStatus } from './store/qdrant/qdrant-store.js';
export type { SignalUpdateReport } from './store/memory-store.js';
export {
  reembedStore,
  REEMBED_DEFAULTS,
  type ReembedStoreOptions,
  type ReembedStoreResult,
  type ReembedProgress,
} from './store/sqlite/reembed-store.js';
export { ReembedInProgressError } from './errors/reembed-in-progress-error.js';
// added by outbox
export type { InsertReport } from './store/memory-store.js';
export type { DroppedUpdate } from './store/qdrant/qdrant-store.js';
export { isTransientStoreFailure } from './store/is-transient-store-failure.js';
