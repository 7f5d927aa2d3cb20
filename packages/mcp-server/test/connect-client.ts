import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMemory, type Memory } from '@resonant/core';
import { createMemoryServer, type CreateMemoryServerOptions } from '../src/index.js';

/** The fixed "now" of in-process tests. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');

/** A temp directory for one test's store. */
export function makeTempDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real memory on a temp SQLite file, with a fixed clock. */
export async function openTestMemory(): Promise<Memory> {
  return createMemory({ path: path.join(makeTempDirectory('resonant-mcp-'), 'memory.db'), clock: () => NOW });
}

/** A real MCP client talking to `createMemoryServer` over the SDK's in-memory transport pair. */
export interface ConnectedClient {
  client: Client;
  memory: Memory;
  /** Calls a tool; the client validates structured content against the listed output schema. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function connectClient(options: Partial<CreateMemoryServerOptions> = {}): Promise<ConnectedClient> {
  const memory = options.memory ?? (await openTestMemory());
  const server = createMemoryServer({ ...options, memory });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'resonant-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  // Listing tools makes the client cache their output schemas and validate every result against them.
  await client.listTools();
  return {
    client,
    memory,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await server.close();
      await memory.close();
    },
  };
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

const openConnections: ConnectedClient[] = [];

/** `connectClient`, remembered so that `closeConnections` (in an `afterEach`) closes it. */
export async function connect(options: Partial<CreateMemoryServerOptions> = {}): Promise<ConnectedClient> {
  const connection = await connectClient(options);
  openConnections.push(connection);
  return connection;
}

/** Closes every connection `connect` opened. */
export async function closeConnections(): Promise<void> {
  await Promise.all(openConnections.splice(0).map((connection) => connection.close()));
}
