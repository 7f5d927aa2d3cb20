/** How the coarse stage merges its lexical and vector lists. */
export type FusionMethod = 'rrf' | 'score';

/** Coarse-stage fusion settings. */
export interface FusionOptions {
  /**
   * `score` (default): a weighted sum of each channel's score divided by that channel's best score.
   * `rrf`: reciprocal rank fusion, sum of 1 / (k + rank), scaled so rank 1 in every channel is 1.
   */
  method: FusionMethod;
  /** Share of the lexical channel in `score` fusion (the vector channel gets the rest). */
  lexicalWeight: number;
  /** The k of reciprocal rank fusion. */
  rrfK: number;
  /** Vector hits below this similarity are noise (hashing collisions, unrelated texts), not matches. */
  minVectorSimilarity: number;
  /** In `score` fusion, a similarity at or above this counts as a full vector match, so a lone weak hit stays weak. */
  vectorReference: number;
}

/** How the coarse stage fuses its lexical and vector rankings unless the store is told otherwise. */
export const FUSION_DEFAULTS: Readonly<FusionOptions> = Object.freeze({
  /** @default 'score' */
  method: 'score',
  /**
   * Lexical-heavy because the default hashed embedder measures shared wording, which BM25 (with
   * idf, expansion and context spread) already measures better: on LoCoMo, 0.5 lost 0.05 recall@10
   * against 0.9. With a real embedding model, 0.5 is the usual starting point.
   * @default 0.9
   */
  lexicalWeight: 0.9,
  /** @default 60 */
  rrfK: 60,
  /** @default 0.15 */
  minVectorSimilarity: 0.15,
  /** @default 0.5 */
  vectorReference: 0.5,
});

/** A ranked list from one channel, best first. */
export interface ChannelResult {
  readonly id: string;
  readonly score: number;
}

/** One fused candidate with the evidence of each channel. */
export interface FusedCandidate {
  readonly id: string;
  readonly relevance: number;
  readonly lexicalRank: number | null;
  readonly vectorRank: number | null;
}

/** Merges the lexical and vector lists into one list of relevance 0..1, best first. */
export function fuseRankings(
  lexical: readonly ChannelResult[],
  vector: readonly ChannelResult[],
  options: FusionOptions = FUSION_DEFAULTS,
): FusedCandidate[] {
  const lexicalRanks = rankMap(lexical);
  const vectorRanks = rankMap(vector.filter((hit) => hit.score >= options.minVectorSimilarity));
  const lexicalBest = Math.max(0, ...lexical.map((hit) => hit.score));
  const vectorScale = Math.max(options.vectorReference, ...vector.map((hit) => hit.score));
  const fused: FusedCandidate[] = [];
  for (const id of new Set([...lexicalRanks.keys(), ...vectorRanks.keys()])) {
    const lexicalHit = lexicalRanks.get(id);
    const vectorHit = vectorRanks.get(id);
    let relevance: number;
    if (options.method === 'rrf') {
      const best = 2 / (options.rrfK + 1);
      relevance =
        ((lexicalHit ? 1 / (options.rrfK + lexicalHit.rank) : 0) +
          (vectorHit ? 1 / (options.rrfK + vectorHit.rank) : 0)) /
        best;
    } else {
      const lexicalPart = lexicalHit && lexicalBest > 0 ? lexicalHit.score / lexicalBest : 0;
      const vectorPart = vectorHit ? vectorHit.score / vectorScale : 0;
      relevance = options.lexicalWeight * lexicalPart + (1 - options.lexicalWeight) * vectorPart;
    }
    fused.push({ id, relevance, lexicalRank: lexicalHit?.rank ?? null, vectorRank: vectorHit?.rank ?? null });
  }
  return fused.sort((a, b) => b.relevance - a.relevance || (a.id < b.id ? -1 : 1));
}

function rankMap(results: readonly ChannelResult[]): Map<string, { rank: number; score: number }> {
  const ranks = new Map<string, { rank: number; score: number }>();
  results.forEach((hit, index) => ranks.set(hit.id, { rank: index + 1, score: hit.score }));
  return ranks;
}
