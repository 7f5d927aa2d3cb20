import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashedEmbedder } from '@resonant/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyLocomoConversation } from '../lib/locomo-fixture.js';
import { forbidNetwork } from '../lib/forbid-network.js';
import { toLangChainEmbeddings } from '../lib/to-langchain-embeddings.js';
import { langGraphRetriever } from './langgraph-retriever.js';
import { mem0Retriever } from './mem0-retriever.js';
import { resonantRetriever } from './resonant-retriever.js';

const embedder = createHashedEmbedder();
const embeddings = toLangChainEmbeddings(embedder);
const workDir = mkdtempSync(join(tmpdir(), 'resonant-peers-test-'));
const network = forbidNetwork();
afterAll(() => {
  network.restore();
  rmSync(workDir, { recursive: true, force: true });
});

// Each peer must rank by the query: the Lisbon turn was stored last, so insertion order alone fails.
describe('peer retrievers on one tiny conversation', () => {
  it('LangGraph InMemoryStore ranks by its semantic index', async () => {
    const retriever = await langGraphRetriever(embeddings, embedder.dimensions)(tinyLocomoConversation());
    expect((await retriever.search('sister moved to Lisbon', 3))[0]).toBe('D1:3');
  });

  it('Resonant returns dia ids of its recalled memories', async () => {
    const retriever = await resonantRetriever('test', (path) => ({ path }), workDir)(tinyLocomoConversation());
    try {
      expect((await retriever.search('sister moved to Lisbon', 3))[0]).toBe('D1:3');
    } finally {
      await retriever.close();
    }
  });

  it('Mem0 OSS runs offline with inference off: no LLM call, no network call', async () => {
    const run = await mem0Retriever(embeddings, embedder.dimensions, join(workDir, 'mem0-home'));
    const retriever = await run.open(tinyLocomoConversation());
    expect((await retriever.search('sister moved to Lisbon', 3))[0]).toBe('D1:3');
    expect(run.llmCalls()).toBe(0);
    expect(network.attempts).toEqual([]);
  });
});
