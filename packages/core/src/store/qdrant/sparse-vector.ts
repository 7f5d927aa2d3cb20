import { hashString } from '../../text/hash-string.js';

/** A sparse vector as Qdrant takes it: unique indices and their values, index for index. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/**
 * How search terms become the lexical (sparse) vector. Documents carry BM25's saturated term
 * frequency; Qdrant's `idf` modifier supplies the inverse document frequency at query time, so the
 * dot product of query and document vectors is a BM25 score. The average length is a constant
 * because Qdrant keeps no per-namespace statistics.
 */
export const SPARSE_VECTOR_DEFAULTS = Object.freeze({
  /** Term-frequency saturation, as in the embedded store's BM25. @default 1.2 */
  k1: 1.2,
  /** Length normalisation. @default 0.75 */
  b: 0.75,
  /** Assumed average memory length in search terms (conversational turns are short). @default 16 */
  averageLength: 16,
});

/** BM25 tuning of the lexical vector (see {@link SPARSE_VECTOR_DEFAULTS}). */
export interface SparseVectorParameters {
  k1: number;
  b: number;
  averageLength: number;
}

/** The index of a term: its 32-bit FNV-1a hash (Qdrant's sparse indices are u32). */
export function termIndex(term: string): number {
  return hashString(term);
}

/**
 * A memory's lexical vector: one entry per distinct term (terms whose hashes collide share an
 * entry and add up), valued tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength)).
 */
export function documentSparseVector(terms: readonly string[], parameters: SparseVectorParameters = SPARSE_VECTOR_DEFAULTS): SparseVector {
  const lengthFactor = parameters.k1 * (1 - parameters.b + (parameters.b * terms.length) / parameters.averageLength);
  const values = new Map<number, number>();
  for (const [term, frequency] of countTerms(terms)) {
    const weight = (frequency * (parameters.k1 + 1)) / (frequency + lengthFactor);
    const index = termIndex(term);
    values.set(index, (values.get(index) ?? 0) + weight);
  }
  return toSparse(values);
}

/** A query's lexical vector: each distinct term weighted by how often the query repeats it. */
export function querySparseVector(terms: readonly string[]): SparseVector {
  const values = new Map<number, number>();
  for (const [term, frequency] of countTerms(terms)) {
    const index = termIndex(term);
    values.set(index, (values.get(index) ?? 0) + frequency);
  }
  return toSparse(values);
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function toSparse(values: Map<number, number>): SparseVector {
  const indices = [...values.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => values.get(index)!) };
}
