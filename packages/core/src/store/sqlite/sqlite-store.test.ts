import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, startChild, waitForLine } from '../../../test/run-child.js';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { createHashedEmbedder } from '../../embed/hashed-embedder.js';
import { EmbedderMismatchError } from '../../errors/embedder-mismatch-error.js';
import { createMemory } from '../../memory/create-memory.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';

describe('embedded SQLite store', () => {
  it('returns everything after close and reopen', async () => {
    const path = join(tempDirectory(), 'nested', 'memory.db');
    const first = await createMemory({ path });
    const written = await first.rememberMany([
      { namespace: NS, text: 'Ana grew up by the sea in Kamakura.', arousal: 0.4, metadata: { source: 'chat' } },
      { namespace: NS, text: '鎌倉の海が大好き！', valence: 0.9 },
    ]);
    await first.recall({ namespace: NS, query: 'Kamakura sea' });
    await first.close();

    const second = await createMemory({ path });
    for (const { memory } of written)
      expect(await second.get(memory.id)).toMatchObject({
        text: memory.text,
        arousal: memory.arousal,
        valence: memory.valence,
        metadata: memory.metadata,
      });
    expect((await second.get(written[0]!.memory.id))!.accessCount).toBe(1);
    expect((await second.recall({ namespace: NS, query: '鎌倉' }))[0]!.memory.id).toBe(written[1]!.memory.id);
    await second.close();
  });

  it('keeps a write that resolved even when the writer is killed with SIGKILL right after', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const child = startChild('write-memories.ts', [path, NS, 'Ana passed her driving test', '1', 'wait']);
    const id = await waitForLine(child, 'written ');
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');

    const memory = await createMemory({ path });
    expect(await memory.get(id)).toMatchObject({ text: 'Ana passed her driving test #0', namespace: NS });
    expect((await memory.recall({ namespace: NS, query: 'driving test' }))[0]!.memory.id).toBe(id);
    await memory.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('sees another process writing to the same file on its next recall', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await createMemory({ path });
    await memory.remember({
      namespace: NS,
      text: 'Ana enjoys rainy days with a book.',
      createdAt: new Date(Date.now() - 86_400_000),
    });
    // Load the in-process index before the other process writes.
    const before = await memory.recall({ namespace: NS, query: 'umbrella', reinforce: false });
    expect(before.some((hit) => hit.memory.text.includes('umbrella'))).toBe(false);

    const child = startChild('write-memories.ts', [path, NS, 'Ana bought a yellow umbrella', '3']);
    expect(await exited(child)).toBe(0);
    const hits = await memory.recall({ namespace: NS, query: 'yellow umbrella', reinforce: false });
    expect(hits.map((hit) => hit.memory.text).sort()).toEqual([
      'Ana bought a yellow umbrella #0',
      'Ana bought a yellow umbrella #1',
      'Ana bought a yellow umbrella #2',
    ]);
    expect((await memory.stats({ namespace: NS })).count).toBe(4);
    await memory.close();
  });

  it('sees deletions made through another connection', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const app = await createMemory({ path });
    const server = await createMemory({ path });
    const { memory: stored } = await app.remember({ namespace: NS, text: 'Ana hates cilantro.' });
    expect(await server.recall({ namespace: NS, query: 'cilantro', reinforce: false })).toHaveLength(1);
    expect(await app.forget({ namespace: NS, ids: [stored.id] })).toMatchObject({ forgotten: [stored.id] });
    expect(await server.recall({ namespace: NS, query: 'cilantro', reinforce: false })).toEqual([]);
    expect(await server.get(stored.id)).toBeNull();
    await app.close();
    await server.close();
  });

  it('refuses to open a file with a different embedder', async () => {
    const path = join(tempDirectory(), 'memory.db');
    await (await createMemory({ path })).close();
    await expect(createMemory({ path, embedder: createHashedEmbedder({ dimensions: 256 }) })).rejects.toBeInstanceOf(
      EmbedderMismatchError,
    );
    const sameDimensionsOtherModel = {
      id: 'other-model',
      dimensions: 384,
      embed: async (texts: readonly string[]) => texts.map(() => new Float32Array(384)),
    };
    await expect(createMemory({ path, embedder: sameDimensionsOtherModel })).rejects.toMatchObject({
      code: 'embedder_mismatch',
    });
  });

  it('rejects vectors of the wrong dimension or non-finite values and stores nothing', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const lying = {
      id: 'lying',
      dimensions: 8,
      embed: async (texts: readonly string[]) => texts.map(() => new Float32Array(7)),
    };
    const memory = await createMemory({ path, embedder: lying });
    await expect(memory.remember({ namespace: NS, text: 'hello' })).rejects.toMatchObject({
      code: 'embedder_mismatch',
    });
    await memory.close();
    const broken = {
      id: 'lying',
      dimensions: 8,
      embed: async (texts: readonly string[]) => texts.map(() => new Float32Array(8).fill(Number.NaN)),
    };
    const again = await createMemory({ path, embedder: broken });
    await expect(again.remember({ namespace: NS, text: 'hello' })).rejects.toMatchObject({ code: 'embedder_mismatch' });
    expect((await again.stats({ namespace: NS })).count).toBe(0);
    await again.close();
  });

  it('turns a store it cannot open into a typed error', async () => {
    const directory = tempDirectory();
    await expect(createMemory({ path: directory })).rejects.toMatchObject({ code: 'store_failure' });
  });
});
