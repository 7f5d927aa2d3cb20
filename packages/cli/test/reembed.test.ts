import path from 'node:path';
import { createHashedEmbedder, createMemory } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { makeTempDirectory, parseJson, runBin } from './run-bin.js';

async function storeWithMemories(): Promise<string> {
  const file = path.join(makeTempDirectory(), 'memory.db');
  const memory = await createMemory({ path: file });
  await memory.rememberMany([
    { namespace: 'default', text: 'Alice adopted a grey cat named Mochi.' },
    { namespace: 'user:bob', text: 'Bob rides his bike to work.' },
    { namespace: 'user:bob', text: 'Bob is learning Portuguese.' },
  ]);
  await memory.close();
  return file;
}

describe('resonant reembed', () => {
  it('moves the store to another embedder, after which the CLI names the way back', async () => {
    const file = await storeWithMemories();
    const moved = await runBin(['reembed', '--path', file, '--embedder', 'hashed', '--dimensions', '128', '--json']);
    expect(parseJson(moved)).toMatchObject({
      reembedded: 3,
      total: 3,
      resumed: false,
      previous: { embedderId: 'resonant-hashed-v1-384', dimensions: 384 },
      embedder: { embedderId: 'resonant-hashed-v1-128', dimensions: 128 },
    });
    const memory = await createMemory({ path: file, embedder: createHashedEmbedder({ dimensions: 128 }) });
    expect((await memory.recall({ namespace: 'user:bob', query: 'bike', reinforce: false }))[0]!.memory.text).toBe(
      'Bob rides his bike to work.',
    );
    await memory.close();

    // The CLI opens stores with the default embedder: the error says how to move the store back.
    const stats = await runBin(['stats', '--path', file]);
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(
      /^resonant: embedder_mismatch: .*`resonant reembed --path \S+ --embedder hashed --dimensions 384`/,
    );

    const back = await runBin(['reembed', '--path', file, '--batch-size', '2']);
    expect(back).toMatchObject({ code: 0 });
    expect(back.stdout).toMatch(
      /^moved .* from resonant-hashed-v1-128 to resonant-hashed-v1-384 \(3 memories, 3 embedded by this run\)\n$/,
    );
    // Progress goes to stderr, a line per committed batch.
    expect(back.stderr.trim().split('\n')).toEqual(['1/3 (default)', '3/3 (user:bob)']);
    expect(parseJson<{ count: number }>(await runBin(['stats', '--path', file, '--json'])).count).toBe(3);

    const again = await runBin(['reembed', '--path', file]);
    expect(again.stdout).toMatch(/already uses embedder resonant-hashed-v1-384; nothing to do/);
  });

  it('exits 2 for an unknown embedder and 1 for a missing store file', async () => {
    const file = await storeWithMemories();
    const unknown = await runBin(['reembed', '--path', file, '--embedder', 'magic']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--embedder must be "hashed" or "local"/);
    const noModel = await runBin(['reembed', '--path', file, '--embedder', 'local']);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/--model-dir is required/);

    const missing = path.join(makeTempDirectory(), 'missing.db');
    const run = await runBin(['reembed', '--path', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^resonant: store_failure: .*missing\.db does not exist/);
  });
});
