#!/usr/bin/env node
// The resonant-mcp bin: the only place that reads the environment, picks the transport and logs.
// stdout belongs to the protocol; every log line goes to stderr.
import { createRequire } from 'node:module';
import os from 'node:os';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMemory, ResonantError } from '@resonant/core';
import { createMemoryServer } from './create-memory-server.js';
import { readServerConfig, USAGE } from './read-server-config.js';
import { serveHttp } from './serve-http.js';
import { fallbackNamespace } from './tool-context.js';

function log(message: string): void {
  process.stderr.write(`[resonant-mcp] ${message}\n`);
}

function describeError(error: unknown): string {
  if (ResonantError.isInstance(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  const config = readServerConfig({
    argv: process.argv.slice(2),
    env: process.env,
    homeDirectory: os.homedir(),
    cwd: process.cwd(),
  });
  if (config.action === 'help') return void process.stdout.write(USAGE);
  if (config.action === 'version')
    return void process.stdout.write(
      `${(createRequire(import.meta.url)('../package.json') as { version: string }).version}\n`,
    );

  const memory = await createMemory({ path: config.path });
  const fallback = fallbackNamespace(config.defaultNamespace, config.namespaceScope);
  // The default namespace's index loads while the client connects, so its first recall is not the slow one.
  if (fallback !== undefined)
    memory
      .warm({ namespace: fallback })
      .catch((error: unknown) => log(`warm-up of ${JSON.stringify(fallback)} failed: ${describeError(error)}`));
  const newServer = () => {
    const server = createMemoryServer({
      memory,
      defaultNamespace: config.defaultNamespace,
      namespaceScope: config.namespaceScope,
      onUnexpectedError: (error, tool) => log(`${tool} failed: ${describeError(error)}`),
    });
    // Malformed messages and transport trouble are logged; they never end the process.
    server.server.onerror = (error) => log(`protocol error: ${describeError(error)}`);
    return server;
  };
  const namespaceNote =
    (fallback === undefined ? 'no default namespace' : `default namespace ${JSON.stringify(fallback)}`) +
    (config.namespaceScope === undefined ? '' : `, confined to ${JSON.stringify(config.namespaceScope)}`);

  let shuttingDown = false;
  let stop: () => Promise<void> = async () => {};
  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`stopping (${reason})`);
    await stop().catch((error: unknown) => log(`stop failed: ${describeError(error)}`));
    await memory.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.transport.kind === 'stdio') {
    const server = newServer();
    await server.connect(new StdioServerTransport());
    stop = () => server.close();
    // The client closing our stdin is the normal way a stdio session ends.
    process.stdin.on('end', () => void shutdown('stdin closed'));
    log(`serving ${config.path} over stdio, ${namespaceNote}`);
  } else {
    const handle = await serveHttp({ createServer: newServer, port: config.transport.port, log });
    stop = () => handle.close();
    log(`serving ${config.path} at ${handle.url} (Streamable HTTP, loopback only), ${namespaceNote}`);
  }
}

main().catch((error: unknown) => {
  log(`cannot start: ${describeError(error)}`);
  process.exit(1);
});
