import { spawn } from 'node:child_process';
import path from 'node:path';
import { createMemory } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDirectory } from './connect-client.js';
import { assertBinBuilt, BIN_PATH, spawnBinClient, type BinClient } from './spawn-bin.js';

let clients: BinClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
  clients = [];
});

async function spawnClient(env: Record<string, string>): Promise<BinClient> {
  const client = await spawnBinClient(env);
  clients.push(client);
  return client;
}

describe('the built bin over stdio', () => {
  it('round-trips remember -> recall -> feedback -> recall into the RESONANT_PATH store, logging to stderr only', async () => {
    const storePath = path.join(makeTempDirectory('resonant-mcp-e2e-'), 'nested', 'memory.db');
    const bin = await spawnClient({ RESONANT_PATH: storePath, RESONANT_NAMESPACE: 'user:alice/agent:mika' });
    type Hits = { hits: { id: string; score: number }[] };

    await bin.call('remember', { text: 'Alice drinks green tea in the morning.', kind: 'preference' });
    await bin.call('remember', { text: 'Alice drinks green tea after dinner.', kind: 'preference' });
    await bin.call('remember', { text: 'Alice adopted a grey cat named Mochi.' });
    const before = (await bin.call('recall', { query: 'when does Alice drink green tea?', limit: 2 }))
      .structuredContent as Hits;
    expect(before.hits).toHaveLength(2);
    const [first, second] = before.hits.map((hit) => hit.id) as [string, string];

    // The model's reply cites the second memory as what helped, the first as useless.
    const feedback = await bin.call('feedback', {
      text: `You have it after dinner, right? <memory_trace id="m:${second}" resonance="1"/><memory_trace id="m:${first}" resonance="0"/> <persona_emotion category="joy" intensity="0.6"/>`,
    });
    expect(feedback.structuredContent).toMatchObject({ applied: [{ id: second }, { id: first }], ignored: [] });

    const after = (await bin.call('recall', { query: 'when does Alice drink green tea?', limit: 2 }))
      .structuredContent as Hits;
    expect(after.hits.map((hit) => hit.id)).toEqual([second, first]);
    expect(bin.stderr()).toContain(`serving ${storePath} over stdio`);
    expect(bin.connectionErrors).toEqual([]);

    await bin.close();
    clients = [];
    // The data is in the file RESONANT_PATH named, durable after the bin has gone.
    const memory = await createMemory({ path: storePath });
    try {
      expect((await memory.stats({ namespace: 'user:alice/agent:mika' })).count).toBe(3);
      const learned = (await memory.get(second))!;
      expect(learned.utility).toBeGreaterThan(0.5);
      expect(learned.arousal).toBeGreaterThan(0);
      expect((await memory.get(first))!.utility).toBeLessThan(0.5);
    } finally {
      await memory.close();
    }
  });

  it('survives malformed protocol input and answers the next request', async () => {
    assertBinBuilt();
    const storePath = path.join(makeTempDirectory('resonant-mcp-garbage-'), 'memory.db');
    const child = spawn(process.execPath, [BIN_PATH], {
      env: { ...process.env, RESONANT_PATH: storePath },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      const lines: string[] = [];
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts);
      });
      const waitForResponse = (id: number) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const timer = setInterval(() => {
            const found = lines
              .map((line) => JSON.parse(line) as Record<string, unknown>)
              .find((message) => message.id === id);
            if (found) {
              clearInterval(timer);
              resolve(found);
            }
            if (child.exitCode !== null) {
              clearInterval(timer);
              reject(new Error(`bin exited with ${child.exitCode}`));
            }
          }, 20);
        });
      const send = (message: unknown) =>
        child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);

      send('this is not json');
      send('{"jsonrpc":"2.0","id":');
      send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
      });
      const initialized = await waitForResponse(1);
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'stats', arguments: { namespace: 42 } } });
      const badCall = await waitForResponse(2);
      send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'stats', arguments: { namespace: 'n' } } });
      const goodCall = await waitForResponse(3);

      expect(initialized).toHaveProperty('result.serverInfo.name', 'resonant');
      expect(badCall).toHaveProperty('result.isError', true);
      expect(goodCall).toHaveProperty('result.structuredContent', {
        namespace: 'n',
        count: 0,
        embedder: expect.any(Object),
      });
      // Every line on stdout is protocol: JSON-RPC, nothing else.
      expect(lines.every((line) => (JSON.parse(line) as { jsonrpc?: string }).jsonrpc === '2.0')).toBe(true);
    } finally {
      child.kill();
    }
  });

  it('exits cleanly, closing the store, when the client closes stdin', async () => {
    assertBinBuilt();
    const storePath = path.join(makeTempDirectory('resonant-mcp-exit-'), 'memory.db');
    const child = spawn(process.execPath, [BIN_PATH], {
      env: { ...process.env, RESONANT_PATH: storePath },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => stderr.includes('over stdio') && resolve(clearInterval(timer)), 20);
    });

    child.stdin.end();

    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping (stdin closed)');
  });
});
