import { createHashedEmbedder } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { toLangChainEmbeddings } from './to-langchain-embeddings.js';

describe('toLangChainEmbeddings', () => {
  it('gives LangChain exactly the vectors of the wrapped embedder, for documents and queries', async () => {
    const embedder = createHashedEmbedder();
    const embeddings = toLangChainEmbeddings(embedder);
    const texts = ['my dog Biscuit', 'pottery on Tuesdays'];
    const expected = (await embedder.embed(texts)).map((vector) => Array.from(vector));
    expect(await embeddings.embedDocuments(texts)).toEqual(expected);
    expect(await embeddings.embedQuery(texts[1]!)).toEqual(expected[1]);
    expect(expected[0]).toHaveLength(embedder.dimensions);
  });
});
