import type { Bm25Parameters, CandidateFacts, LexicalCandidate, LexicalQuery } from './memory-store.js';

/** BM25 parameters (Robertson & Zaragoza); the usual defaults suit short conversational turns. */
export const BM25_DEFAULTS: Readonly<Bm25Parameters> = Object.freeze({
  /** Term-frequency saturation. @default 1.2 */
  k1: 1.2,
  /** Length normalisation. @default 0.75 */
  b: 0.75,
});

/** What BM25 needs of a namespace besides the document: its size and average document length. */
export interface Bm25Statistics {
  readonly documentCount: number;
  /** Total length (in terms) of all documents. */
  readonly totalLength: number;
}

/** The per-query constants of BM25 over one namespace. */
export interface Bm25Scale {
  readonly documentCount: number;
  /** `k1 * (1 - b)`. */
  readonly lengthBase: number;
  /** `k1 * b / average length`. */
  readonly lengthScale: number;
  /** `k1 + 1`. */
  readonly saturation: number;
}

/**
 * The constants of one query over one namespace. Every store scores through these functions, in
 * the same order of operations, so that BM25 comes out the same to the last bit on every store
 * (and rankings with it, ties included).
 */
export function bm25Scale(statistics: Bm25Statistics, parameters: Bm25Parameters): Bm25Scale {
  const averageLength = statistics.totalLength / statistics.documentCount || 1;
  return {
    documentCount: statistics.documentCount,
    lengthBase: parameters.k1 * (1 - parameters.b),
    lengthScale: (parameters.k1 * parameters.b) / averageLength,
    saturation: parameters.k1 + 1,
  };
}

/** Inverse document frequency of a term held by `documentFrequency` of the namespace's documents (the smoothed, never negative form). */
export function bm25Idf(scale: Bm25Scale, documentFrequency: number): number {
  return Math.log(1 + (scale.documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** One query term's share of a document's score: `weight` is the query's weight of the term, `idf` from {@link bm25Idf}. */
export function bm25TermScore(
  scale: Bm25Scale,
  weight: number,
  idf: number,
  frequency: number,
  length: number,
): number {
  return (weight * idf * frequency * scale.saturation) / (frequency + scale.lengthBase + scale.lengthScale * length);
}

/** A document as BM25 reads it: its search terms (with repeats) and what a lexical candidate reports. */
export interface Bm25Document extends CandidateFacts {
  readonly terms: readonly string[];
}

/**
 * BM25 of each document for weighted query terms, given the namespace's statistics and each
 * term's document frequency there; the matching documents, best first, ties by id, at most
 * `limit`. For stores that score outside an inverted index (the reference store, Qdrant).
 */
export function scoreDocuments(
  documents: readonly Bm25Document[],
  query: Pick<LexicalQuery, 'terms' | 'bm25' | 'limit'>,
  statistics: Bm25Statistics,
  documentFrequencies: ReadonlyMap<string, number>,
): LexicalCandidate[] {
  if (statistics.documentCount === 0) return [];
  const scale = bm25Scale(statistics, query.bm25);
  const idfs = new Map<string, number>();
  for (const term of query.terms.keys()) {
    const documentFrequency = documentFrequencies.get(term) ?? 0;
    if (documentFrequency > 0) idfs.set(term, bm25Idf(scale, documentFrequency));
  }
  const scored: LexicalCandidate[] = [];
  for (const document of documents) {
    const frequencies = new Map<string, number>();
    for (const term of document.terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    let score = 0;
    // Term by term in the query's order, as the inverted index adds them up.
    for (const [term, weight] of query.terms) {
      const frequency = frequencies.get(term);
      const idf = idfs.get(term);
      if (frequency !== undefined && idf !== undefined)
        score += bm25TermScore(scale, weight, idf, frequency, document.terms.length);
    }
    if (score > 0)
      scored.push({
        id: document.id,
        kind: document.kind,
        createdAt: document.createdAt,
        archived: document.archived,
        score,
      });
  }
  return scored
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, query.limit));
}
