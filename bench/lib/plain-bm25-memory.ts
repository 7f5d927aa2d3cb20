import type { CreateMemoryOptions } from '@resonant/core';
import { PLAIN_BM25 } from '@resonant/core/ranking';

/**
 * The baseline every LoCoMo benchmark compares against: plain BM25 over the query's own terms
 * (no expansion, context spread or date boost), no vector channel, fine-stage signals off.
 */
export function plainBm25MemoryOptions(path: string): CreateMemoryOptions {
  return {
    path,
    fusion: { method: 'score', lexicalWeight: 1 },
    lexical: PLAIN_BM25,
    ranking: { recency: 0, arousal: 0, utility: 0, phrase: 0 },
  };
}
