import type { MemoryRecord } from '../records/memory-record.js';

/** One coarse candidate: a record, its fused relevance 0..1 and how each channel saw it. */
export interface CoarseCandidate {
  readonly record: MemoryRecord;
  /** Fused relevance 0..1, comparable within one request. */
  readonly relevance: number;
  /** 1-based rank in the lexical (BM25) list, or null when lexical search missed it. */
  readonly lexicalRank: number | null;
  /** 1-based rank in the vector list, or null when vector search missed it. */
  readonly vectorRank: number | null;
  /** Inner product of the candidate's vector with the query vector (cosine for unit vectors), when the vector channel found it. Optional: dedup uses it when present. */
  readonly vectorSimilarity?: number;
}
