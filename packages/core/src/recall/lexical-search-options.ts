import { BM25_DEFAULTS } from '../store/bm25.js';
import type { Bm25Parameters } from '../store/memory-store.js';
import { QUERY_EXPANSION_DEFAULTS } from '../text/expand-query-terms.js';
import { CONTEXT_SPREAD_DEFAULTS, type ContextSpreadOptions } from './spread-relevance.js';
import { NO_PSEUDO_RELEVANCE_FEEDBACK, type PseudoRelevanceFeedbackOptions } from './pseudo-relevance-feedback.js';

/** How recall's lexical channel ranks, on every store: BM25, query expansion, date boost, context spread. */
export interface LexicalSearchOptions {
  /** BM25 term-frequency saturation and length normalisation. */
  bm25: Bm25Parameters;
  /** Weight of the terms added by the everyday thesaurus (category members, synonyms); 0 turns expansion off. */
  expansionWeight: number;
  /** How relevance spreads to neighbouring turns of a conversation; `weight: 0` turns it off. */
  contextSpread: ContextSpreadOptions;
  /** A memory created on a date the query names ("on 3 June 2023", "in May 2023") scores (1 + this) times higher; 0 turns it off. */
  dateBoost: number;
  /** Share of relevance a memory that asks a question loses (it echoes the query's words but holds no answer); 0 turns it off. */
  questionDiscount: number;
  /** Pseudo-relevance feedback (RM3) from the best matches; `documents: 0` turns it off. */
  feedback: PseudoRelevanceFeedbackOptions;
}

/** Recall's lexical channel unless `createMemory({ lexical })` says otherwise. */
export const LEXICAL_SEARCH_DEFAULTS: Readonly<LexicalSearchOptions> = Object.freeze({
  /** @default { k1: 1.2, b: 0.75 } */
  bm25: BM25_DEFAULTS,
  /** @default 0.4 */
  expansionWeight: QUERY_EXPANSION_DEFAULTS.weight,
  /** @default CONTEXT_SPREAD_DEFAULTS */
  contextSpread: CONTEXT_SPREAD_DEFAULTS,
  /** @default 1 */
  dateBoost: 1,
  /**
   * On LoCoMo (three conversations, conv-41 held out), 0.2 raised context evidence-text recall at
   * 500 tokens by 0.02 on both; 0.4 lost recall@10.
   * @default 0.2
   */
  questionDiscount: 0.2,
  /**
   * Off: on LoCoMo dev, RM3 with `PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS` moved recall@10 by at most
   * +0.01 (held-out conv-41 +0.006) and neighbouring settings by ±0.005, within tuning noise.
   * @default NO_PSEUDO_RELEVANCE_FEEDBACK
   */
  feedback: NO_PSEUDO_RELEVANCE_FEEDBACK,
});

/** Plain BM25 over the query's own terms: no expansion, no spread, no date boost (a baseline for benchmarks). */
export const PLAIN_BM25: Readonly<LexicalSearchOptions> = Object.freeze({
  bm25: BM25_DEFAULTS,
  expansionWeight: 0,
  contextSpread: Object.freeze({ ...CONTEXT_SPREAD_DEFAULTS, weight: 0 }),
  dateBoost: 0,
  questionDiscount: 0,
  feedback: NO_PSEUDO_RELEVANCE_FEEDBACK,
});
