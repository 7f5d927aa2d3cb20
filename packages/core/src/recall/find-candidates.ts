import type { MemoryFilter, MemoryStore, VectorCandidate } from '../store/memory-store.js';
import type { CoarseCandidate } from './coarse-candidate.js';
import { FUSION_DEFAULTS, fuseRankings, type ChannelResult, type FusionOptions } from './fuse-rankings.js';
import { LEXICAL_SEARCH_DEFAULTS, type LexicalSearchOptions } from './lexical-search-options.js';
import { isQuestion } from './is-question.js';
import { rankLexical } from './rank-lexical.js';

/** The coarse stage's question: the query as search terms and as a vector. */
export interface CandidateRequest {
  readonly namespace: string;
  /** Search terms of the query (`tokenizeForSearch`), in order, with repeats. */
  readonly terms: readonly string[];
  readonly vector: Float32Array;
  /** How many fused candidates to return. */
  readonly limit: number;
  readonly filter?: MemoryFilter;
}

/** How the coarse stage ranks: the lexical channel and the fusion of both channels. */
export interface CoarseSettings {
  readonly lexical: LexicalSearchOptions;
  readonly fusion: FusionOptions;
}

/** The coarse stage unless `createMemory({ lexical, fusion })` says otherwise. */
export const COARSE_DEFAULTS: Readonly<CoarseSettings> = Object.freeze({
  /** @default LEXICAL_SEARCH_DEFAULTS */
  lexical: LEXICAL_SEARCH_DEFAULTS,
  /** @default FUSION_DEFAULTS */
  fusion: FUSION_DEFAULTS,
});

/**
 * The coarse stage of recall, the same over every store: the lexical channel (`rankLexical`) and
 * the store's nearest vectors, fused into one list of relevance 0..1, best first, with the records.
 * A memory that is a question keeps `1 - lexical.questionDiscount` of its relevance (see `isQuestion`).
 * With score fusion at `lexicalWeight: 1` the vector channel is only a fallback: asked when the
 * lexical channel finds nothing, and then ranking alone.
 */
export async function findCandidates(
  store: MemoryStore,
  request: CandidateRequest,
  settings: CoarseSettings = COARSE_DEFAULTS,
): Promise<CoarseCandidate[]> {
  const { namespace, limit, filter } = request;
  const nearest = () => store.vectorCandidates({ namespace, vector: request.vector, limit, filter });
  let lexical: ChannelResult[];
  let vector: VectorCandidate[];
  let fusion = settings.fusion;
  if (isLexicalOnly(fusion)) {
    // The vector channel weighs nothing: it is asked only when no memory matches a word of the query, and then ranks alone.
    lexical = await rankLexical(store, request, settings.lexical);
    vector = lexical.length === 0 ? await nearest() : [];
    if (lexical.length === 0) fusion = { ...fusion, lexicalWeight: 0 };
  } else [lexical, vector] = await Promise.all([rankLexical(store, request, settings.lexical), nearest()]);
  const fused = fuseRankings(
    lexical,
    vector.map((hit) => ({ id: hit.id, score: hit.similarity })),
    fusion,
  ).slice(0, limit);
  const records = new Map(
    (await store.get(fused.map((candidate) => candidate.id))).map((record) => [record.id, record]),
  );
  const questionDiscount = settings.lexical.questionDiscount;
  const similarities = new Map(vector.map((hit) => [hit.id, hit.similarity]));
  return fused.flatMap((candidate) => {
    const record = records.get(candidate.id);
    // The namespace check is belt and braces: every candidate query is confined to the namespace.
    if (!record || record.namespace !== namespace) return [];
    return [
      {
        record,
        relevance: isQuestion(record.text) ? candidate.relevance * (1 - questionDiscount) : candidate.relevance,
        lexicalRank: candidate.lexicalRank,
        vectorRank: candidate.vectorRank,
        vectorSimilarity: similarities.get(candidate.id),
      },
    ];
  });
}

/** Score fusion that gives the vector channel no weight. */
function isLexicalOnly(fusion: FusionOptions): boolean {
  return fusion.method === 'score' && fusion.lexicalWeight >= 1;
}
