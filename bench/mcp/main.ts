// Round-trip latency of the MCP `recall` tool over stdio at 10k memories: a real client spawns the
// built `resonant-mcp` bin (as Claude Desktop does) and times each tools/call until its answer has
// been parsed. Baselines measured in the same run on the same store file: the same recall called in
// process (what the protocol adds on top), and the `stats` tool (stdio + JSON-RPC alone).
// The MCP call and its in-process twin alternate query by query (and which goes first), so load
// from other work on the machine falls on both alike.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createMemory, type Memory } from '@resonant/core';
import { median, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';
import { createSyntheticText } from '../recall-latency/synthetic-text.js';

const MEMORIES = 10_000;
const BATCH = 1_000;
const QUERIES = 300;
const WARM_UP = 30;
const LIMIT = 5;
const NAMESPACE = 'bench:mcp';
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../packages/mcp-server/dist/main.js');

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm build" first.`);

interface Latency {
  p50: number;
  p95: number;
  mean: number;
}

const workDir = mkdtempSync(join(tmpdir(), 'resonant-bench-mcp-'));
const path = join(workDir, 'memory.db');
const text = createSyntheticText(7);
const questions = Array.from({ length: QUERIES + WARM_UP }, () => text.question());
const start = Date.UTC(2025, 0, 1);
// Other work on the machine moves latencies: the 1-minute load average is recorded with the figures.
const loadAtStart = loadavg()[0]!;

let memory: Memory | undefined;
let client: Client | undefined;
try {
  memory = await createMemory({ path });
  for (let stored = 0; stored < MEMORIES; stored += BATCH) {
    await memory.rememberMany(
      Array.from({ length: BATCH }, (_, i) => ({
        namespace: NAMESPACE,
        text: text.turn(),
        createdAt: new Date(start + (stored + i) * 60_000),
      })),
    );
  }

  const spawnStarted = performance.now();
  client = new Client({ name: 'resonant-bench', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: { ...getDefaultEnvironment(), RESONANT_PATH: path, RESONANT_NAMESPACE: NAMESPACE },
      stderr: 'ignore',
    }),
  );
  const connectedMs = performance.now() - spawnStarted;
  await client.listTools();
  const coldStarted = performance.now();
  await callTool(client, 'recall', { query: questions[0]!, limit: LIMIT, reinforce: false });
  const coldFirstRecallMs = performance.now() - coldStarted;

  const [mcpReadOnly, inProcessReadOnly] = await timePair(
    (question) => callTool(client!, 'recall', { query: question, limit: LIMIT, reinforce: false }),
    (question) => memory!.recall({ namespace: NAMESPACE, query: question, limit: LIMIT, reinforce: false }),
  );
  const [mcpDefault, inProcessReinforce] = await timePair(
    (question) => callTool(client!, 'recall', { query: question }),
    (question) => memory!.recall({ namespace: NAMESPACE, query: question, limit: LIMIT, reinforce: true }),
  );
  const [statsCall] = await timePair(
    () => callTool(client!, 'stats', {}),
    async () => {},
  );
  // The recent-memories resource scans the namespace once per read.
  const [recentResource] = await timePair(
    () => client!.readResource({ uri: `resonant://namespaces/${encodeURIComponent(NAMESPACE)}/recent` }),
    async () => {},
  );
  const answerBytes = JSON.stringify(
    (await client.callTool({ name: 'recall', arguments: { query: questions[1]! } })).content,
  ).length;

  const rows: Cell[][] = [
    ['call', 'p50 ms', 'p95 ms', 'mean ms'],
    ['MCP recall over stdio, reinforce off', mcpReadOnly.p50, mcpReadOnly.p95, mcpReadOnly.mean],
    ['in-process recall, reinforce off', inProcessReadOnly.p50, inProcessReadOnly.p95, inProcessReadOnly.mean],
    ['MCP recall over stdio, defaults (reinforce on)', mcpDefault.p50, mcpDefault.p95, mcpDefault.mean],
    ['in-process recall, reinforce on', inProcessReinforce.p50, inProcessReinforce.p95, inProcessReinforce.mean],
    ['MCP stats over stdio (protocol alone)', statsCall.p50, statsCall.p95, statsCall.mean],
    ['MCP read of the recent-memories resource', recentResource.p50, recentResource.p95, recentResource.mean],
  ];
  printTable(rows, {
    digits: 2,
    title: `MCP recall round trip at ${MEMORIES / 1000}k memories (${QUERIES} queries after ${WARM_UP} warm-up, limit ${LIMIT}, compact)`,
  });
  const loadAtEnd = loadavg()[0]!;
  console.log(
    `spawn -> connected ${connectedMs.toFixed(0)} ms; first recall (index load) ${coldFirstRecallMs.toFixed(1)} ms; text answer ${answerBytes} bytes`,
  );
  console.log(`load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`);

  writeResult('mcp', {
    memories: MEMORIES,
    queries: QUERIES,
    warmUp: WARM_UP,
    limit: LIMIT,
    transport: 'stdio',
    mcpRecallReadOnlyMs: mcpReadOnly,
    inProcessRecallReadOnlyMs: inProcessReadOnly,
    mcpRecallDefaultMs: mcpDefault,
    inProcessRecallReinforceMs: inProcessReinforce,
    mcpStatsMs: statsCall,
    mcpRecentResourceMs: recentResource,
    spawnToConnectedMs: round(connectedMs),
    coldFirstRecallMs: round(coldFirstRecallMs),
    recallAnswerBytes: answerBytes,
    loadAverage1m: { start: round(loadAtStart), end: round(loadAtEnd) },
    summary: {
      'mcp recall p50 ms @10k': round(mcpDefault.p50),
      'mcp recall p95 ms @10k': round(mcpDefault.p95),
      'mcp recall read-only p50 ms @10k': round(mcpReadOnly.p50),
      'in-process recall read-only p50 ms @10k': round(inProcessReadOnly.p50),
      'mcp / in-process p50 (read-only)': round(mcpReadOnly.p50 / inProcessReadOnly.p50),
      'mcp stats p50 ms': round(statsCall.p50),
    },
  });
} finally {
  await client?.close();
  await memory?.close();
  rmSync(workDir, { recursive: true, force: true });
}

async function callTool(target: Client, name: string, args: Record<string, unknown>): Promise<void> {
  const result = await target.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
}

/** Times two calls on every question, alternating which runs first. */
async function timePair(
  first: (question: string) => Promise<unknown>,
  second: (question: string) => Promise<unknown>,
): Promise<[Latency, Latency]> {
  const samples: [number[], number[]] = [[], []];
  const runs = [first, second] as const;
  for (let i = 0; i < questions.length; i++) {
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      await runs[which]!(questions[i]!);
      if (i >= WARM_UP) samples[which]!.push(performance.now() - started);
    }
  }
  return [latency(samples[0]), latency(samples[1])];
}

function latency(samples: readonly number[]): Latency {
  return {
    p50: round(median(samples)),
    p95: round(percentile(samples, 95)),
    mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
