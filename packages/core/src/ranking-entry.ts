// The ranking entry of @resonant/core (`@resonant/core/ranking`): the pieces `recall` is made of (query
// analysis, candidate finding, fusion, relevance spreading, the forgetting curve and score weights), for
// benchmarks, inspectors and anyone composing a different pipeline.

export { EXPANSION_DEFAULTS, type ExpansionOptions } from './recall/expand-candidates.js';
export { routeIntent, INTENT_LINK_PREFERENCES, type RecallIntent, type LinkPreference } from './recall/route-intent.js';
export type { RecallHit, RecallSignals } from './recall/rank-candidates.js';
export { RANKING_DEFAULTS, type RankingWeights } from './recall/ranking-weights.js';
export { explainScore, type ScoreParts } from './recall/explain-score.js';
export {
  FORGETTING_DEFAULTS,
  halfLifeDays,
  recencyAt,
  type ForgettingCurve,
  recallStage,
  joyLiftAt,
  type RecallStage,
} from './recall/forgetting-curve.js';
export { FUSION_DEFAULTS, fuseRankings, type FusionMethod, type FusionOptions } from './recall/fuse-rankings.js';
export type { NounForms } from './text/count-noun.js';
export { tokenizeForSearch, normalizeForSearch } from './text/tokenize-for-search.js';
export { encodingForModel, type TokenCounter } from './text/token-counter.js';
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
// added by offline-default
export {
  addFeedbackTerms,
  NO_PSEUDO_RELEVANCE_FEEDBACK,
  PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS,
  type FeedbackDocument,
  type PseudoRelevanceFeedbackOptions,
} from './recall/pseudo-relevance-feedback.js';
