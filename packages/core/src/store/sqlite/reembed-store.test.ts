import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, startChild, waitForLine } from '../../../test/run-child.js';
import { useTempDirectory } from '../../../test/temp-directory.js';
import type { Embedder } from '../../embed/embedder.js';
import { createHashedEmbedder, embedHashed } from '../../embed/hashed-embedder.js';
import { EmbedderMismatchError } from '../../errors/embedder-mismatch-error.js';
import { ReembedInProgressError } from '../../errors/reembed-in-progress-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import { createMemory } from '../../memory/create-memory.js';
import { reembedStore, type ReembedProgress } from './reembed-store.js';
import { vectorFromBlob } from './record-row.js';

const tempDirectory = useTempDirectory();
const OLD = createHashedEmbedder({ dimensions: 64 });
const NEW_DIMENSIONS = 128;
const NAMESPACES = ['user:ana', 'user:ben'] as const;
const PER_NAMESPACE = 23;

/** The new embedder, counting how often it embedded each text. */
function countingEmbedder(dimensions = NEW_DIMENSIONS): Embedder & { calls: Map<string, number> } {
  const inner = createHashedEmbedder({ dimensions });
  const calls = new Map<string, number>();
  return {
    id: inner.id,
    dimensions: inner.dimensions,
    calls,
    embed: async (texts, options) => {
      for (const text of texts) calls.set(text, (calls.get(text) ?? 0) + 1);
      return inner.embed(texts, options);
    },
  };
}

/** A store built with the old embedder: two namespaces, episodes and summaries. */
async function buildStore(): Promise<{ path: string; texts: string[] }> {
  const path = join(tempDirectory(), 'memory.db');
  const memory = await createMemory({ path, embedder: OLD });
  const texts: string[] = [];
  for (const namespace of NAMESPACES) {
    const inputs = Array.from({ length: PER_NAMESPACE }, (_, i) => ({
      namespace,
      text: `${namespace} note ${i}: ${i % 5 === 0 ? 'the lighthouse keeper sang at dawn' : `errand number ${i * 7}`}`,
      kind: i % 6 === 5 ? ('summary' as const) : ('episode' as const),
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      dedupe: false,
    }));
    await memory.rememberMany(inputs);
    texts.push(...inputs.map((input) => input.text));
  }
  await memory.close();
  return { path, texts };
}

/** Every row's vector, read straight from the file. */
function storedVectors(path: string): Map<string, Float32Array> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT text, vector FROM memories').all() as { text: string; vector: Buffer }[];
    return new Map(rows.map((row) => [row.text, vectorFromBlob(row.vector)]));
  } finally {
    db.close();
  }
}

function expectAllReembedded(path: string, texts: readonly string[]): void {
  const vectors = storedVectors(path);
  expect(vectors.size).toBe(texts.length);
  for (const text of texts) expect(vectors.get(text), text).toEqual(embedHashed(text, NEW_DIMENSIONS));
}

describe('reembedStore', () => {
  it('moves every memory of every namespace to the new embedder, which then opens the store', async () => {
    const { path, texts } = await buildStore();
    const embedder = countingEmbedder();
    const progress: ReembedProgress[] = [];
    const result = await reembedStore({ path, embedder, batchSize: 7, onProgress: (step) => progress.push(step) });

    expect(result).toMatchObject({
      reembedded: texts.length,
      total: texts.length,
      resumed: false,
      previous: { embedderId: OLD.id, dimensions: 64 },
      embedder: { embedderId: embedder.id, dimensions: NEW_DIMENSIONS },
    });
    expectAllReembedded(path, texts);
    expect([...embedder.calls.values()].every((count) => count === 1)).toBe(true);
    expect(embedder.calls.size).toBe(texts.length);

    // Progress: a batch at a time (7, 7, 7, then the namespace's last 2), namespace by namespace.
    expect(progress.map((step) => step.done)).toEqual([7, 14, 21, 23, 30, 37, 44, 46]);
    expect(progress.every((step) => step.total === texts.length)).toBe(true);
    expect(progress.map((step) => step.namespace)).toEqual([
      ...Array(4).fill(NAMESPACES[0]),
      ...Array(4).fill(NAMESPACES[1]),
    ]);

    const memory = await createMemory({ path, embedder: createHashedEmbedder({ dimensions: NEW_DIMENSIONS }) });
    const hits = await memory.recall({ namespace: NAMESPACES[1], query: 'lighthouse keeper', reinforce: false });
    expect(hits[0]!.memory.text).toContain('lighthouse keeper');
    expect(hits.every((hit) => hit.memory.namespace === NAMESPACES[1])).toBe(true);
    expect((await memory.stats()).count).toBe(texts.length);
    const fresh = await memory.remember({ namespace: NAMESPACES[0], text: 'a new note after the move' });
    expect((await memory.recall({ namespace: NAMESPACES[0], query: 'new note after the move' }))[0]!.memory.id).toBe(
      fresh.memory.id,
    );
    await memory.close();

    const old = createMemory({ path, embedder: OLD });
    await expect(old).rejects.toBeInstanceOf(EmbedderMismatchError);
    await expect(old).rejects.toThrow(/resonant reembed --path \S+ --embedder hashed --dimensions 64`.*reembedStore\(/);
  });

  it('resumes after an abort from the last committed batch, embedding every memory exactly once', async () => {
    const { path, texts } = await buildStore();
    const embedder = countingEmbedder();
    const controller = new AbortController();
    let batches = 0;
    const aborted = reembedStore({
      path,
      embedder,
      batchSize: 5,
      signal: controller.signal,
      onProgress: () => {
        if (++batches === 3) controller.abort();
      },
    });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });

    // Half-way, the store opens with neither embedder, and says how to resume.
    for (const with_ of [OLD, createHashedEmbedder({ dimensions: NEW_DIMENSIONS })]) {
      const opening = createMemory({ path, embedder: with_ });
      await expect(opening).rejects.toBeInstanceOf(ReembedInProgressError);
      await expect(opening).rejects.toThrow(
        /to resume, run `resonant reembed --path \S+ --embedder hashed --dimensions 128`/,
      );
    }
    // Nothing is visible as done: the memories still hold the old vectors.
    expect([...storedVectors(path).values()].every((vector) => vector.length === 64)).toBe(true);

    const progress: ReembedProgress[] = [];
    const result = await reembedStore({ path, embedder, batchSize: 5, onProgress: (step) => progress.push(step) });
    expect(result).toMatchObject({ resumed: true, reembedded: texts.length - 15, total: texts.length });
    expect(progress[0]!.done).toBe(20);
    expect(progress.at(-1)!.done).toBe(texts.length);
    expect(embedder.calls.size).toBe(texts.length);
    expect([...embedder.calls.values()].every((count) => count === 1)).toBe(true);
    expectAllReembedded(path, texts);
  });

  it('finishes after the reembedding process is killed with SIGKILL mid-way', { timeout: 30_000 }, async () => {
    const { path, texts } = await buildStore();
    const child = startChild('reembed-slowly.ts', [path, String(NEW_DIMENSIONS), '4']);
    await waitForLine(child, 'batch 8');
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');

    const check = new Database(path);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const waiting = check.prepare('SELECT count(*) FROM reembed_vectors').pluck().get() as number;
    check.close();
    expect(waiting).toBeGreaterThanOrEqual(8);
    expect(waiting).toBeLessThan(texts.length);

    const embedder = countingEmbedder();
    const result = await reembedStore({ path, embedder, batchSize: 4 });
    expect(result).toMatchObject({ resumed: true, reembedded: texts.length - waiting, total: texts.length });
    // What the killed process had committed is not embedded again.
    expect(embedder.calls.size).toBe(texts.length - waiting);
    expectAllReembedded(path, texts);
  });

  it('embeds memories another process writes while it runs, and that process then stops', async () => {
    const { path, texts } = await buildStore();
    const other = await createMemory({ path, embedder: OLD });
    const inner = countingEmbedder();
    let written = false;
    const embedder: Embedder = {
      id: inner.id,
      dimensions: inner.dimensions,
      embed: async (batch, options) => {
        // Behind the walk's cursor: the first namespace, before everything there.
        if (!written) {
          written = true;
          await other.remember({
            namespace: NAMESPACES[0],
            text: 'written during the reembed',
            createdAt: new Date(0),
          });
        }
        return inner.embed(batch, options);
      },
    };
    const result = await reembedStore({ path, embedder, batchSize: 10 });
    expect(result.total).toBe(texts.length + 1);
    expectAllReembedded(path, [...texts, 'written during the reembed']);

    // The process that kept the old embedder cannot search or write the moved store.
    await expect(other.recall({ namespace: NAMESPACES[0], query: 'errand' })).rejects.toBeInstanceOf(
      EmbedderMismatchError,
    );
    await expect(other.remember({ namespace: NAMESPACES[0], text: 'too late' })).rejects.toBeInstanceOf(
      EmbedderMismatchError,
    );
    await other.close();
    expect(storedVectors(path).has('too late')).toBe(false);
  });

  it('refuses to switch target half-way unless told to restart', async () => {
    const { path, texts } = await buildStore();
    const controller = new AbortController();
    await expect(
      reembedStore({
        path,
        embedder: countingEmbedder(),
        batchSize: 5,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    const other = countingEmbedder(96);
    await expect(reembedStore({ path, embedder: other })).rejects.toBeInstanceOf(ReembedInProgressError);
    const result = await reembedStore({ path, embedder: other, restart: true });
    expect(result).toMatchObject({ resumed: false, reembedded: texts.length, embedder: { dimensions: 96 } });
    await (await createMemory({ path, embedder: createHashedEmbedder({ dimensions: 96 }) })).close();
  });

  it('does nothing for the embedder the store already has', async () => {
    const { path } = await buildStore();
    const result = await reembedStore({ path, embedder: OLD });
    expect(result.reembedded).toBe(0);
    await (await createMemory({ path, embedder: OLD })).close();
  });

  it('gives typed errors for a missing file, a file that is not a store, and bad options', async () => {
    const missing = join(tempDirectory(), 'missing.db');
    await expect(reembedStore({ path: missing, embedder: OLD })).rejects.toBeInstanceOf(StoreFailureError);
    expect(existsSync(missing)).toBe(false);

    const notAStore = join(tempDirectory(), 'other.db');
    new Database(notAStore).exec('CREATE TABLE t (x)');
    await expect(reembedStore({ path: notAStore, embedder: OLD })).rejects.toThrow(/not a Resonant store/);

    const text = join(tempDirectory(), 'notes.txt');
    writeFileSync(text, 'just some text, not a database at all');
    await expect(reembedStore({ path: text, embedder: OLD })).rejects.toBeInstanceOf(StoreFailureError);

    const { path } = await buildStore();
    await expect(reembedStore({ path, embedder: OLD, batchSize: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
