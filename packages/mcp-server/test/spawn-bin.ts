import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The built bin (`resonant-mcp`); tests run it as users do, from dist. */
export const BIN_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

const SOURCE_DIRECTORY = path.resolve(path.dirname(BIN_PATH), '../src');

/** Fails with a clear message when the package has not been built, or was built before its sources last changed. */
export function assertBinBuilt(): void {
  const build = 'run "pnpm --filter @resonant/mcp-server... build" first (the root "pnpm test" builds)';
  if (!fs.existsSync(BIN_PATH)) throw new Error(`${BIN_PATH} is missing: ${build}.`);
  const sources = fs
    .readdirSync(SOURCE_DIRECTORY, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const newest = Math.max(...sources.map((file) => fs.statSync(path.join(SOURCE_DIRECTORY, file)).mtimeMs));
  if (newest > fs.statSync(BIN_PATH).mtimeMs) throw new Error(`${BIN_PATH} is older than its sources: ${build}.`);
}

/** A real MCP client talking to the spawned bin over stdio. */
export interface BinClient {
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** Everything the bin wrote to stderr so far. */
  stderr(): string;
  /** Errors the client saw on the connection (unparsable stdout, for one). */
  connectionErrors: Error[];
  close(): Promise<void>;
}

/** Spawns `node dist/main.js` with the given environment and connects a client over stdio. */
export async function spawnBinClient(env: Record<string, string>, args: string[] = []): Promise<BinClient> {
  assertBinBuilt();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN_PATH, ...args],
    env: { ...getDefaultEnvironment(), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'resonant-e2e', version: '0.0.0' });
  const connectionErrors: Error[] = [];
  client.onerror = (error) => connectionErrors.push(error);
  await client.connect(transport);
  await client.listTools();
  return {
    client,
    call: async (name, callArgs) => (await client.callTool({ name, arguments: callArgs })) as CallToolResult,
    stderr: () => stderr,
    connectionErrors,
    close: () => client.close(),
  };
}
