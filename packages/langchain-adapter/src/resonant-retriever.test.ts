import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { createMemory, type Memory } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fromLangChainEmbeddings } from './from-langchain-embeddings.js';
import { ResonantRetriever } from './resonant-retriever.js';

const tempPath = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-retriever-')), 'memory.db');

describe('ResonantRetriever', () => {
  let memory: Memory | undefined;
  afterEach(async () => memory?.close());

  it('returns recalled memories as documents citing m:<id>, best first, within the namespace', async () => {
    memory = await createMemory({ path: tempPath(), clock: () => new Date('2025-03-01T00:00:00Z') });
    const { memory: tea } = await memory.remember({
      namespace: 'user:alice',
      text: 'Alice drinks jasmine tea every morning',
    });
    await memory.remember({ namespace: 'user:alice', text: 'Alice cycles to the office' });
    await memory.remember({ namespace: 'user:bob', text: 'Bob drinks jasmine tea as well' });

    const retriever = new ResonantRetriever({ memory, namespace: 'user:alice', limit: 5 });
    const documents = await retriever.invoke('jasmine tea');
    expect(documents[0]).toMatchObject({
      id: tea.id,
      pageContent: tea.text,
      metadata: { reference: `m:${tea.id}`, kind: 'episode' },
    });
    expect(documents.every((document) => !document.pageContent.includes('Bob'))).toBe(true);
    expect((await memory.get(tea.id))?.accessCount).toBe(1); // retrieval reinforces by default
  });

  it('rejects a missing namespace with a typed error', async () => {
    memory = await createMemory({ path: tempPath() });
    expect(() => new ResonantRetriever({ memory: memory!, namespace: '' })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('fromLangChainEmbeddings', () => {
  let memory: Memory | undefined;
  afterEach(async () => memory?.close());

  it('probes the dimensions, embeds through embedDocuments, and drives recall', async () => {
    const embedder = await fromLangChainEmbeddings(new SyntheticEmbeddings({ vectorSize: 32 }));
    expect(embedder).toMatchObject({ id: 'langchain:SyntheticEmbeddings:32', dimensions: 32 });
    const [vector] = await embedder.embed(['hello']);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector).toHaveLength(32);

    memory = await createMemory({ path: tempPath(), embedder });
    await memory.remember({ namespace: 'n', text: 'the lighthouse keeper' });
    expect((await memory.recall({ namespace: 'n', query: 'lighthouse' }))[0]?.memory.text).toBe(
      'the lighthouse keeper',
    );
    expect((await memory.stats({ namespace: 'n' })).embedder).toEqual({
      id: 'langchain:SyntheticEmbeddings:32',
      dimensions: 32,
    });
  });

  it('uses the given dimensions and id without a probe call', async () => {
    let calls = 0;
    const embeddings = new SyntheticEmbeddings({ vectorSize: 8 });
    const original = embeddings.embedDocuments.bind(embeddings);
    embeddings.embedDocuments = async (texts) => {
      calls += 1;
      return original(texts);
    };
    const embedder = await fromLangChainEmbeddings(embeddings, { dimensions: 8, id: 'my-model' });
    expect(embedder).toMatchObject({ id: 'my-model', dimensions: 8 });
    expect(calls).toBe(0);
  });
});
