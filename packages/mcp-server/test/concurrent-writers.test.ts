import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemory } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDirectory } from './connect-client.js';
import { spawnBinClient, type BinClient } from './spawn-bin.js';
import { distinctNote } from './fixtures/distinct-note.mjs';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'remember-writer.mjs');
const PER_WRITER = 150;

let bin: BinClient | undefined;

afterEach(async () => {
  await bin?.close();
  bin = undefined;
});

describe('the server and another process writing one store at once', () => {
  it('loses nothing: every write from both lands, and the server sees the other process', async () => {
    const storePath = path.join(makeTempDirectory('resonant-mcp-concurrent-'), 'memory.db');
    const namespace = 'shared';
    bin = await spawnBinClient({ RESONANT_PATH: storePath, RESONANT_NAMESPACE: namespace });
    const writer = spawn(process.execPath, [WRITER, storePath, namespace, String(PER_WRITER)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let writerOutput = '';
    let writerErrors = '';
    writer.stdout.on('data', (chunk: Buffer) => (writerOutput += chunk.toString('utf8')));
    writer.stderr.on('data', (chunk: Buffer) => (writerErrors += chunk.toString('utf8')));
    const writerExit = new Promise<number | null>((resolve) => writer.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (writerOutput.includes('ready')) resolve(clearInterval(timer));
        if (writer.exitCode !== null) reject(new Error(`writer exited early: ${writerErrors}`));
      }, 10);
    });

    // Start both at once: the writer's loop and the client's calls, several in flight at a time.
    writer.stdin.write('go\n');
    const serverWrites = (async () => {
      const results = [];
      for (let start = 0; start < PER_WRITER; start += 5) {
        const batch = Array.from({ length: Math.min(5, PER_WRITER - start) }, (_, offset) =>
          bin!.call('remember', { text: distinctNote('server', start + offset) }),
        );
        results.push(...(await Promise.all(batch)));
      }
      return results;
    })();
    const [results, exitCode] = await Promise.all([serverWrites, writerExit]);

    expect(exitCode, writerErrors).toBe(0);
    expect(results.filter((result) => result.isError)).toEqual([]);
    // Distinct texts: every write of both processes must be a new memory, none merged or lost.
    expect(writerOutput).toContain(`done ${PER_WRITER}`);
    expect(
      results.filter((result) => (result.structuredContent as { outcome: string }).outcome === 'created'),
    ).toHaveLength(PER_WRITER);
    const stats = await bin.call('stats', {});
    expect(stats.structuredContent).toMatchObject({ count: 2 * PER_WRITER });
    // The server's in-process index caught up with the other process's commits.
    const seen = await bin.call('recall', { query: 'zebra crossing Elm street', limit: 3, reinforce: false });
    expect((seen.structuredContent as { hits: { text: string }[] }).hits[0]!.text).toBe(
      'The writer process saw the zebra crossing on Elm street.',
    );

    const memory = await createMemory({ path: storePath });
    try {
      expect((await memory.stats({ namespace })).count).toBe(2 * PER_WRITER);
    } finally {
      await memory.close();
    }
  });
});
