import type { CoarseSearchRequest } from '../memory-store.js';
import { DENSE_VECTOR_NAME, LEXICAL_VECTOR_NAME } from './collection-schema.js';
import type { QdrantSchemas } from './qdrant-api.js';
import { memoryFilter } from './qdrant-filter.js';
import { querySparseVector } from './sparse-vector.js';

type QueryRequest = QdrantSchemas['QueryRequest'];

// A dense hit at or below zero shares nothing with the query (as in the embedded store's fusion).
const DENSE_MIN_SCORE = 1e-9;

/** One search as three Query API requests sent in one `queryBatch` round trip. */
export interface HybridQuery {
  /** [0] the fused query; [1] the dense channel; [2] the lexical channel, when the query has terms. */
  readonly searches: QueryRequest[];
  /** Qdrant's RRF k: its ranks start at 0, ours at 1, so this is our k + 1. */
  readonly qdrantRrfK: number;
}

/**
 * Builds the coarse search: a fused request whose prefetches are the dense and lexical searches
 * (each filtered by namespace and the memory filter) and whose query is reciprocal rank fusion,
 * done by the server. The two channel requests repeat the prefetches without payload, only to say
 * how each channel ranked a candidate (Qdrant's fused result does not).
 */
export function buildHybridQuery(request: CoarseSearchRequest, options: { rrfK: number }): HybridQuery {
  const filter = memoryFilter(request.namespace, request.filter);
  const dense: QdrantSchemas['Prefetch'] = { query: Array.from(request.vector), using: DENSE_VECTOR_NAME, filter, limit: request.limit, score_threshold: DENSE_MIN_SCORE };
  const sparse = querySparseVector(request.terms);
  const lexical: QdrantSchemas['Prefetch'] | null = sparse.indices.length > 0 ? { query: sparse, using: LEXICAL_VECTOR_NAME, filter, limit: request.limit } : null;
  const channels = lexical ? [dense, lexical] : [dense];
  const qdrantRrfK = options.rrfK + 1;
  const fused: QueryRequest = { prefetch: channels, query: { rrf: { k: qdrantRrfK } }, filter, limit: request.limit, with_payload: true };
  return { searches: [fused, ...channels.map((channel) => ({ ...channel, with_payload: false }))], qdrantRrfK };
}

/** A fused point with what each channel made of it. */
export interface HybridCandidate {
  readonly payload: Record<string, unknown> | null | undefined;
  /** Fused relevance 0..1: RRF scaled so rank 1 in both channels is 1. */
  readonly relevance: number;
  readonly lexicalRank: number | null;
  readonly vectorRank: number | null;
}

/** Reads the answers of `queryBatch` for a {@link HybridQuery}, best first. */
export function readHybridResponses(query: HybridQuery, responses: readonly QdrantSchemas['QueryResponse'][]): HybridCandidate[] {
  const [fused, dense, lexical] = responses;
  const vectorRanks = ranksOf(dense);
  const lexicalRanks = ranksOf(lexical);
  const best = 2 / query.qdrantRrfK;
  return (fused?.points ?? []).map((point) => ({
    payload: point.payload,
    relevance: Math.min(1, point.score / best),
    lexicalRank: lexicalRanks.get(String(point.id)) ?? null,
    vectorRank: vectorRanks.get(String(point.id)) ?? null,
  }));
}

function ranksOf(response: QdrantSchemas['QueryResponse'] | undefined): Map<string, number> {
  return new Map((response?.points ?? []).map((point, index) => [String(point.id), index + 1]));
}
