import { z } from 'zod';
import type { MemoryRecord } from '../records/memory-record.js';

/** What an extra fine-stage signal is asked to score: one query's candidates. */
export interface FineRankSignalRequest {
  readonly namespace: string;
  readonly query: string;
  /** The query's embedding, from the memory's embedder. */
  readonly queryVector: Float32Array;
  readonly records: readonly MemoryRecord[];
}

/**
 * An extra fine-stage signal supplied by the caller (the research signals of
 * `@resonant/core/research` plug in here): a score per candidate, weighted beside `RankingWeights`.
 */
export interface FineRankSignal {
  /** Its weight in the composite, on the scale of `RankingWeights` (0..100). */
  readonly weight: number;
  /** One score per record, in order, each 0..1 (anything else counts as 0). Called once per recall, before ranking. */
  score(request: FineRankSignalRequest): readonly number[] | Promise<readonly number[]>;
}

/** Checks a `FineRankSignal` at the recall boundary: a `score` function and a weight in 0..100. */
export const fineRankSignalSchema = z.custom<FineRankSignal>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FineRankSignal).score === 'function' &&
    typeof (value as FineRankSignal).weight === 'number' &&
    (value as FineRankSignal).weight >= 0 &&
    (value as FineRankSignal).weight <= 100,
  'must be { weight: 0..100, score(request) }',
);

/** A signal's scores as the fine stage reads them: one per record, 0..1, NaN or out-of-range clamped. */
export async function scoreFineRankSignal(signal: FineRankSignal, request: FineRankSignalRequest): Promise<number[]> {
  const scores = await signal.score(request);
  return request.records.map((_, index) => {
    const score = scores[index];
    return typeof score === 'number' && score > 0 ? Math.min(1, score) : 0;
  });
}
