import type { MemoryKind } from '../records/memory-kind.js';
import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { expandCandidates, type ExpansionOptions } from './expand-candidates.js';
import { findCandidates } from './find-candidates.js';
import { scoreFineRankSignal, type FineRankSignal } from './fine-rank-signal.js';
import { rankCandidates, type RecallHit } from './rank-candidates.js';
import { supersededAmong } from './superseded-among.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from '../embed/embed-texts.js';
import type { MemoryContext } from './memory-context.js';

/** What to rank: the query, how many coarse candidates to consider, and which memories may appear. */
export interface RankMemoriesRequest {
  namespace: string;
  query: string;
  now: Date;
  /** How many fused candidates the coarse stage hands to the fine stage. */
  candidates: number;
  /** Candidates whose fused relevance is below this are dropped before ranking. */
  minRelevance: number;
  filter?: { kind?: readonly MemoryKind[]; metadata?: Readonly<Record<string, JsonValue>>; includeArchived?: boolean };
  /** Expansion along entity and temporal links before the fine stage; absent means none. */
  expand?: ExpansionOptions;
  /** A caller's extra fine-stage signal; absent means none. */
  extraSignal?: FineRankSignal;
}

/**
 * The candidate + rank step shared by `recall` and `buildContext`: the coarse stage over the
 * store's candidates (BM25 + vector, fused), the relevance floor, then the fine stage. Every candidate past the floor,
 * best first; nothing is written.
 */
export async function rankMemories(context: MemoryContext, request: RankMemoriesRequest): Promise<RecallHit[]> {
  const queryTerms = tokenizeForSearch(request.query);
  const [vector] = await embedTexts(context.embedder, [request.query], 'query');
  const filter = request.filter && {
    kinds: request.filter.kind,
    metadata: request.filter.metadata,
    includeArchived: request.filter.includeArchived,
  };
  const candidates = await findCandidates(
    context.store,
    { namespace: request.namespace, terms: queryTerms, vector: vector!, limit: request.candidates, filter },
    context.coarse,
  );
  const coarse = candidates.filter((candidate) => candidate.relevance >= request.minRelevance);
  // Linked memories (temporal neighbours, shared entities) join before the fine stage.
  const { candidates: relevant } = await expandCandidates(context.store, coarse, {
    ...request,
    filter,
    options: request.expand,
  });
  const extra = request.extraSignal && {
    weight: request.extraSignal.weight,
    scores: await scoreFineRankSignal(request.extraSignal, {
      namespace: request.namespace,
      query: request.query,
      queryVector: vector!,
      records: relevant.map((candidate) => candidate.record),
    }),
  };
  return rankCandidates(relevant, {
    query: request.query,
    queryTerms,
    now: request.now,
    weights: context.ranking,
    forgetting: context.forgetting,
    extra,
    superseded: await supersededAmong(
      context.store,
      request.namespace,
      relevant.map((candidate) => candidate.record.id),
    ),
  });
}

/**
 * Reinforces memories (last access = now, access count + 1) in one write and returns the records
 * as stored now, in the same order.
 */
export async function reinforceMemories(
  context: MemoryContext,
  namespace: string,
  records: readonly MemoryRecord[],
  now: Date,
): Promise<MemoryRecord[]> {
  if (records.length === 0) return [];
  await context.store.update(
    namespace,
    records.map((record) => ({ id: record.id, recalledAt: now })),
  );
  return records.map((record) => ({
    ...record,
    accessCount: record.accessCount + 1,
    lastAccessedAt: record.lastAccessedAt > now ? record.lastAccessedAt : now,
  }));
}

/** {@link reinforceMemories} for recall hits; the signals still explain the ranking before the recall. */
export async function reinforceHits(
  context: MemoryContext,
  namespace: string,
  hits: readonly RecallHit[],
  now: Date,
): Promise<RecallHit[]> {
  const records = await reinforceMemories(
    context,
    namespace,
    hits.map((hit) => hit.memory),
    now,
  );
  return hits.map((hit, index) => ({ ...hit, memory: records[index]! }));
}
