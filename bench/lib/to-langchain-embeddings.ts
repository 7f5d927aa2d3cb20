import { Embeddings } from '@langchain/core/embeddings';
import type { Embedder } from '@resonant/core';

/**
 * A LangChain `Embeddings` over a Resonant `Embedder`, so a peer that takes LangChain embeddings
 * (LangGraph's store index, Mem0's `langchain` embedder) ranks with exactly the vectors Resonant uses.
 */
class ResonantEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors = await this.embedder.embed(texts, { purpose: 'document' });
    return vectors.map((vector) => Array.from(vector));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([text], { purpose: 'query' });
    return Array.from(vector!);
  }
}

/** Wraps a Resonant embedder as LangChain `Embeddings` (documents and queries through the same model). */
export function toLangChainEmbeddings(embedder: Embedder): Embeddings {
  return new ResonantEmbeddings(embedder);
}
