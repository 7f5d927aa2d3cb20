import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Memory } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryServer, serveHttp, type HttpServerHandle } from '../src/index.js';
import { makeTempDirectory, openTestMemory } from './connect-client.js';
import { assertBinBuilt, BIN_PATH } from './spawn-bin.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectHttp(url: string): Promise<Client> {
  const client = new Client({ name: 'resonant-http-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  cleanups.push(() => client.close());
  return client;
}

async function startServer(): Promise<{ handle: HttpServerHandle; memory: Memory }> {
  const memory = await openTestMemory();
  const handle = await serveHttp({
    createServer: () => createMemoryServer({ memory, defaultNamespace: 'web' }),
    port: 0,
  });
  cleanups.push(async () => {
    await handle.close();
    await memory.close();
  });
  return { handle, memory };
}

function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
  });
}

describe('Streamable HTTP transport', () => {
  it('binds 127.0.0.1 and serves the same tools to several clients sharing one memory', async () => {
    const { handle, memory } = await startServer();
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const writer = await connectHttp(handle.url);
    const reader = await connectHttp(handle.url);

    const stored = (await writer.callTool({
      name: 'remember',
      arguments: { text: 'The meeting moved to Thursday at 3pm.' },
    })) as CallToolResult;
    const recalled = (await reader.callTool({
      name: 'recall',
      arguments: { query: 'when is the meeting' },
    })) as CallToolResult;

    expect(stored.isError).toBeFalsy();
    expect((recalled.structuredContent as { hits: { id: string }[] }).hits[0]!.id).toBe(
      (stored.structuredContent as { id: string }).id,
    );
    expect((await memory.stats({ namespace: 'web' })).count).toBe(1);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding) and other paths', async () => {
    const { handle } = await startServer();
    const port = new URL(handle.url).port;
    expect(await rawPost(handle.url, { Host: `evil.example:${port}` })).toBe(403);
    expect(await rawPost(handle.url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await rawPost(handle.url.replace('/mcp', '/other'), {})).toBe(404);
    expect(await rawPost(handle.url, { Origin: `http://localhost:${port}` })).toBe(200);
  });

  it('is what the bin serves with --http', async () => {
    assertBinBuilt();
    const storePath = path.join(makeTempDirectory('resonant-mcp-http-'), 'memory.db');
    const child = spawn(process.execPath, [BIN_PATH, '--http', '--port', '0', '--namespace', 'web'], {
      env: { ...process.env, RESONANT_PATH: storePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(stderr));
        }
      }, 20);
    });

    const client = await connectHttp(url);
    const result = (await client.callTool({ name: 'stats', arguments: {} })) as CallToolResult;

    expect(result.structuredContent).toMatchObject({ namespace: 'web', count: 0 });
    expect(stdout).toBe('');
  });
});
