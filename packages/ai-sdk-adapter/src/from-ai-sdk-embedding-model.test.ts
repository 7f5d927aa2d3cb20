import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemory, type Memory } from '@resonant/core';
import { MockEmbeddingModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { fromAiSdkEmbeddingModel } from './from-ai-sdk-embedding-model.js';

/** A deterministic 3-dimensional "model": counts of a, e and o in the text. */
const vowelModel = () =>
  new MockEmbeddingModelV3({
    provider: 'mock',
    modelId: 'vowels',
    doEmbed: async ({ values }) => ({
      embeddings: values.map((text) => ['a', 'e', 'o'].map((vowel) => text.split(vowel).length - 1 + 0.01)),
      warnings: [],
    }),
  });

describe('fromAiSdkEmbeddingModel', () => {
  let memory: Memory | undefined;
  afterEach(async () => memory?.close());

  it('probes dimensions once, names itself after the model, and embeds in order', async () => {
    const model = vowelModel();
    const embedder = await fromAiSdkEmbeddingModel(model);
    expect(embedder).toMatchObject({ id: 'ai-sdk:mock/vowels:3', dimensions: 3 });
    expect(model.doEmbedCalls).toHaveLength(1);
    const vectors = await embedder.embed(['aaa', 'ooo']);
    expect(vectors.map((vector) => Array.from(vector, (value) => Math.round(value)))).toEqual([
      [3, 0, 0],
      [0, 0, 3],
    ]);
  });

  it('drives a memory: remember and recall through the AI SDK model', async () => {
    const embedder = await fromAiSdkEmbeddingModel(vowelModel(), { dimensions: 3, id: 'vowels-v1' });
    memory = await createMemory({
      path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-ai-embed-')), 'memory.db'),
      embedder,
    });
    await memory.remember({ namespace: 'n', text: 'the lighthouse keeper' });
    expect((await memory.recall({ namespace: 'n', query: 'lighthouse' }))[0]?.memory.text).toBe(
      'the lighthouse keeper',
    );
    expect((await memory.stats({ namespace: 'n' })).embedder).toEqual({ id: 'vowels-v1', dimensions: 3 });
  });

  it('rejects bad options with a typed error', async () => {
    await expect(fromAiSdkEmbeddingModel(vowelModel(), { dimensions: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
