import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { writeTinyEmbeddingModel, type TinyEmbeddingModel } from '../../../test/tiny-embedding-model.js';
import { createMemory } from '../../memory/create-memory.js';
import { loadLocalEmbedder, type LocalEmbedder } from './load-local-embedder.js';

const WORDS = ['my', 'dog', 'puppy', 'cat', 'likes', 'the', 'park', 'query', 'passage', ':'];
const tempDirectory = useTempDirectory();

/** The vector the tiny model should give: tokens looked up, pooled, then unit length. */
function expectedVector(model: TinyEmbeddingModel, tokens: readonly string[], pooling: 'mean' | 'cls'): number[] {
  const rows = tokens.map((token) => model.table[model.vocabulary.get(token)!]!);
  const sum = new Array<number>(model.dimensions).fill(0);
  for (const row of pooling === 'cls' ? rows.slice(0, 1) : rows) row.forEach((value, d) => (sum[d]! += value));
  const mean = sum.map((value) => value / (pooling === 'cls' ? 1 : rows.length));
  const length = Math.hypot(...mean);
  return mean.map((value) => value / length);
}

function expectClose(actual: Float32Array, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, d) => expect(actual[d]).toBeCloseTo(value, 5));
}

async function withEmbedder<T>(embedder: LocalEmbedder, use: (embedder: LocalEmbedder) => Promise<T>): Promise<T> {
  try {
    return await use(embedder);
  } finally {
    await embedder.close();
  }
}

describe('loadLocalEmbedder on a tiny ONNX model', () => {
  it('embeds through the real tokenizer and runtime: shape, mean pooling, unit length', async () => {
    const model = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS, dimensions: 8 });
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory }), async (embedder) => {
      expect(embedder.dimensions).toBe(8);
      const [vector] = await embedder.embed(['My dog likes the park']);
      expectClose(vector!, expectedVector(model, ['[CLS]', 'my', 'dog', 'likes', 'the', 'park', '[SEP]'], 'mean'));
      expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    });
  });

  it('gives a text the same vector alone or batched with longer texts (padding never counts)', async () => {
    const model = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory, batchSize: 2 }), async (embedder) => {
      const texts = ['my dog likes the park the park', 'cat', 'puppy likes my cat', 'the dog', 'park'];
      const batched = await embedder.embed(texts);
      expect(batched).toHaveLength(texts.length);
      for (const [index, text] of texts.entries()) {
        const [alone] = await embedder.embed([text]);
        expectClose(batched[index]!, [...alone!]);
      }
      expectClose(batched[1]!, expectedVector(model, ['[CLS]', 'cat', '[SEP]'], 'mean'));
      expect(await embedder.embed([])).toEqual([]);
    });
  });

  it('follows the directory: CLS pooling from 1_Pooling, prefixes from the sentence-transformers prompts', async () => {
    const model = writeTinyEmbeddingModel({
      directory: tempDirectory(),
      words: WORDS,
      pooling: 'cls',
      prompts: { query: 'query: ', passage: 'passage: ' },
    });
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory, normalize: false }), async (embedder) => {
      expect(embedder.settings).toMatchObject({
        pooling: 'cls',
        queryPrefix: 'query: ',
        documentPrefix: 'passage: ',
        normalize: false,
      });
      const [vector] = await embedder.embed(['dog']);
      expect([...vector!]).toEqual([...model.table[model.vocabulary.get('[CLS]')!]!]);
    });
    // Mean pooling shows the prefix: the query and the memory of the same words differ by it.
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory, pooling: 'mean' }), async (embedder) => {
      const [query] = await embedder.embed(['dog'], { purpose: 'query' });
      const [memory] = await embedder.embed(['dog'], { purpose: 'document' });
      expectClose(query!, expectedVector(model, ['[CLS]', 'query', ':', 'dog', '[SEP]'], 'mean'));
      expectClose(memory!, expectedVector(model, ['[CLS]', 'passage', ':', 'dog', '[SEP]'], 'mean'));
    });
  });

  it('cuts long inputs to maxTokens, keeping the closing token', async () => {
    const model = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS, maxLength: 4 });
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory }), async (embedder) => {
      expect(embedder.settings.maxTokens).toBe(4);
      const [vector] = await embedder.embed(['my dog likes the park']);
      expectClose(vector!, expectedVector(model, ['[CLS]', 'my', 'dog', '[SEP]'], 'mean'));
    });
  });

  it('names the model and its settings in the id, so a store refuses vectors made another way', async () => {
    const model = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    const ids = await Promise.all(
      [{}, {}, { pooling: 'cls' as const }, { queryPrefix: 'q: ' }].map((extra) =>
        loadLocalEmbedder({ directory: model.directory, ...extra }).then((embedder) =>
          withEmbedder(embedder, async () => embedder.id),
        ),
      ),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
  });

  it('serves a memory end to end: remembers and recalls through a real store', async () => {
    const model = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    await withEmbedder(await loadLocalEmbedder({ directory: model.directory }), async (embedder) => {
      const memory = await createMemory({ path: join(tempDirectory(), 'm.db'), embedder });
      try {
        await memory.remember({ namespace: 'u', text: 'my dog likes the park' });
        await memory.remember({ namespace: 'u', text: 'the cat' });
        const hits = await memory.recall({ namespace: 'u', query: 'dog park' });
        expect(hits[0]?.memory.text).toBe('my dog likes the park');
      } finally {
        await memory.close();
      }
    });
  });
});

describe('loadLocalEmbedder refuses what it cannot load, with a typed error and no download', () => {
  it('a directory that does not exist', async () => {
    await expect(loadLocalEmbedder({ directory: join(tempDirectory(), 'absent') })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'missing',
    });
  });

  it('a directory without a model file or without tokenizer.json', async () => {
    const noModel = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    rmSync(join(noModel.directory, 'onnx'), { recursive: true });
    await expect(loadLocalEmbedder({ directory: noModel.directory })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'missing',
      message: expect.stringContaining('onnx/model.onnx'),
    });
    const noTokenizer = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    rmSync(join(noTokenizer.directory, 'tokenizer.json'));
    await expect(loadLocalEmbedder({ directory: noTokenizer.directory })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'missing',
      message: expect.stringContaining('tokenizer.json'),
    });
  });

  it('a corrupt ONNX graph, a truncated one, and a tokenizer that is not JSON', async () => {
    const garbage = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    writeFileSync(join(garbage.directory, 'onnx', 'model.onnx'), 'not a model');
    await expect(loadLocalEmbedder({ directory: garbage.directory })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'corrupt',
    });
    const truncated = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    const path = join(truncated.directory, 'onnx', 'model.onnx');
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    await expect(loadLocalEmbedder({ directory: truncated.directory })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'corrupt',
    });
    const badTokenizer = writeTinyEmbeddingModel({ directory: tempDirectory(), words: WORDS });
    writeFileSync(join(badTokenizer.directory, 'tokenizer.json'), '{"model":');
    await expect(loadLocalEmbedder({ directory: badTokenizer.directory })).rejects.toMatchObject({
      code: 'model_unavailable',
      reason: 'corrupt',
    });
  });

  it('bad options, listed', async () => {
    await expect(loadLocalEmbedder({ directory: '', batchSize: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
