// Recall latency at 10k and 100k memories, durable ingest throughput, and the raw exact vector scan
// as a reference, all in one run on one file. Text is deterministic synthetic conversation
// (synthetic-text.ts). The store is filled in rememberMany batches (one transaction, fsync'd, each);
// latency is measured after a warm-up, with reinforce off (pure read) and on (read + one write).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHashedEmbedder, createMemory, type Memory } from '@resonant/core';
// The scan alone is not public API: measured straight from the source as a reference.
import { ExactVectorIndex } from '../../packages/core/src/store/index/exact-vector-index.js';
import { median, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';
import { createSyntheticText } from './synthetic-text.js';

const SIZES = [10_000, 100_000];
const BATCH = 1_000;
const QUERIES = 300;
const WARM_UP = 30;
const NAMESPACE = 'bench:latency';
const AIMS_P95_MS: Record<number, number> = { 10000: 10, 100000: 50 };
const CANDIDATES = 40;
/** Fresh processes (app launches) per size for the cold-start medians. */
const LAUNCHES = 5;

const workDir = mkdtempSync(join(tmpdir(), 'resonant-latency-'));
const path = join(workDir, 'memory.db');
const text = createSyntheticText(42);
const questions = Array.from({ length: QUERIES + WARM_UP }, () => text.question());
const start = Date.UTC(2024, 0, 1);

/** Medians over fresh processes: open + first recall (cold), and with `warm` awaited before it. */
interface ColdStart {
  launches: number;
  /** createMemory, then the first recall at once: the index loads inside that recall. */
  firstRecallMs: number;
  /** createMemory, then `memory.warm` until it resolves (what `createMemory({ warm })` does in the background). */
  warmUpMs: number;
  /** The first recall once the warm-up is done. */
  afterWarmUpMs: number;
}

interface SizeResult {
  memories: number;
  ingestPerSecond: number;
  /** The first recall of a fresh handle in this (already warmed-up) process. */
  coldFirstRecallMs: number;
  coldStart: ColdStart;
  recallMs: { p50: number; p95: number };
  recallReinforceMs: { p50: number; p95: number };
  exactScanMs: { p50: number; p95: number; denseP50: number };
  fileMegabytes: number;
  aimP95Ms: number;
}

const results: SizeResult[] = [];
const clock = { now: new Date(start) };
let memory: Memory = await createMemory({ path, clock: () => clock.now });
try {
  let stored = 0;
  for (const size of SIZES) {
    const ingestStarted = performance.now();
    while (stored < size) {
      const count = Math.min(BATCH, size - stored);
      const inputs = Array.from({ length: count }, (_, i) => ({
        namespace: NAMESPACE,
        text: text.turn(),
        createdAt: new Date(start + (stored + i) * 60_000),
      }));
      await memory.rememberMany(inputs);
      stored += count;
    }
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    const ingested = size - (results.at(-1)?.memories ?? 0);
    clock.now = new Date(start + stored * 60_000);

    // A fresh handle: the first recall loads the namespace index from SQLite (cold start).
    await memory.close();
    memory = await createMemory({ path, clock: () => clock.now });
    const coldStarted = performance.now();
    await memory.recall({ namespace: NAMESPACE, query: questions[0]!, reinforce: false });
    const coldFirstRecallMs = performance.now() - coldStarted;

    await memory.close();
    const coldStart = timeColdStarts();
    memory = await createMemory({ path, clock: () => clock.now });

    const recallMs = await timeRecalls(memory, false);
    const recallReinforceMs = await timeRecalls(memory, true);
    const exactScanMs = await timeExactScan(size);
    results.push({
      memories: size,
      ingestPerSecond: ingested / ingestSeconds,
      coldFirstRecallMs,
      coldStart,
      recallMs,
      recallReinforceMs,
      exactScanMs,
      fileMegabytes: fileMegabytes(path),
      aimP95Ms: AIMS_P95_MS[size] ?? Number.NaN,
    });
  }
} finally {
  await memory.close();
  rmSync(workDir, { recursive: true, force: true });
}

const rows: Cell[][] = [
  [
    'memories',
    'ingest/s',
    'cold 1st ms',
    'launch 1st ms',
    'warm-up ms',
    'warmed 1st ms',
    'recall p50',
    'recall p95',
    'aim p95',
    'reinforce p50',
    'reinforce p95',
    'scan p50',
    'scan p95',
    'dense scan p50',
    'file MB',
  ],
  ...results.map((r) => [
    r.memories,
    Math.round(r.ingestPerSecond),
    r.coldFirstRecallMs,
    r.coldStart.firstRecallMs,
    r.coldStart.warmUpMs,
    r.coldStart.afterWarmUpMs,
    r.recallMs.p50,
    r.recallMs.p95,
    r.aimP95Ms,
    r.recallReinforceMs.p50,
    r.recallReinforceMs.p95,
    r.exactScanMs.p50,
    r.exactScanMs.p95,
    r.exactScanMs.denseP50,
    r.fileMegabytes,
  ]),
];
printTable(rows, {
  digits: 2,
  title: `Recall latency (ms, ${QUERIES} queries, limit 10) and durable ingest (rememberMany x ${BATCH})`,
});
const summary: Record<string, number | string> = {};
for (const r of results) {
  const label = `${r.memories / 1000}k`;
  summary[`recall p50 ms @${label}`] = round(r.recallMs.p50);
  summary[`recall p95 ms @${label}`] = round(r.recallMs.p95);
  summary[`exact scan p50 ms @${label}`] = round(r.exactScanMs.p50);
  summary[`launch + 1st recall ms @${label}`] = round(r.coldStart.firstRecallMs);
  summary[`1st recall after warm-up ms @${label}`] = round(r.coldStart.afterWarmUpMs);
}
summary['p95 aims met'] = results.every((r) => r.recallMs.p95 < r.aimP95Ms) ? 'yes' : 'no';
summary['load average (1 min)'] = round(loadavg()[0]!);
summary['ingest memories/s'] = Math.round(
  results.reduce(
    (sum, r) => sum + r.ingestPerSecond * (r.memories - (results[results.indexOf(r) - 1]?.memories ?? 0)),
    0,
  ) / results.at(-1)!.memories,
);
writeResult('recall-latency', {
  loadAverage: loadavg(),
  queries: QUERIES,
  batch: BATCH,
  candidates: CANDIDATES,
  sizes: results,
  summary,
});

/** Launches fresh processes on the file (closed meanwhile): cold, then warmed up, alternately. */
function timeColdStarts(): ColdStart {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'cold-start.ts');
  const runs: Record<'cold' | 'warm', { firstRecallMs: number; warmUpMs: number; afterWarmUpMs: number }[]> = {
    cold: [],
    warm: [],
  };
  for (let launch = 0; launch < LAUNCHES; launch++) {
    for (const mode of ['cold', 'warm'] as const) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', script, path, NAMESPACE, questions[launch]!, mode],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`cold-start.ts failed: ${child.stderr}`);
      runs[mode].push(JSON.parse(child.stdout));
    }
  }
  return {
    launches: LAUNCHES,
    firstRecallMs: median(runs.cold.map((run) => run.firstRecallMs)),
    warmUpMs: median(runs.warm.map((run) => run.warmUpMs)),
    afterWarmUpMs: median(runs.warm.map((run) => run.afterWarmUpMs)),
  };
}

async function timeRecalls(target: Memory, reinforce: boolean): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < questions.length; i++) {
    const started = performance.now();
    await target.recall({ namespace: NAMESPACE, query: questions[i]!, limit: 10, reinforce });
    if (i >= WARM_UP) samples.push(performance.now() - started);
  }
  return { p50: median(samples), p95: percentile(samples, 95) };
}

/** The exact scan alone over the same number of vectors (synthetic turns re-embedded), top-40. */
async function timeExactScan(size: number): Promise<{ p50: number; p95: number; denseP50: number }> {
  const embedder = createHashedEmbedder();
  const scanText = createSyntheticText(42);
  const index = new ExactVectorIndex(embedder.dimensions);
  index.reserve(size);
  for (let slot = 0; slot < size; slot += BATCH) {
    const vectors = await embedder.embed(Array.from({ length: Math.min(BATCH, size - slot) }, () => scanText.turn()));
    vectors.forEach((vector, i) => index.set(slot + i, vector));
  }
  const queryVectors = await embedder.embed(questions);
  const samples: number[] = [];
  queryVectors.forEach((vector, i) => {
    const started = performance.now();
    index.search(vector, CANDIDATES, () => true);
    if (i >= WARM_UP) samples.push(performance.now() - started);
  });
  // A dense query (every dimension set, as from a neural embedding model) reads every column.
  const denseSamples: number[] = [];
  let state = 7;
  const dense = new Float32Array(embedder.dimensions);
  for (let i = 0; i < 40; i++) {
    for (let d = 0; d < dense.length; d++)
      dense[d] = (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5;
    const started = performance.now();
    index.search(dense, CANDIDATES, () => true);
    if (i >= 5) denseSamples.push(performance.now() - started);
  }
  return { p50: median(samples), p95: percentile(samples, 95), denseP50: median(denseSamples) };
}

function fileMegabytes(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(file + suffix).size;
    } catch {
      // No WAL file after a checkpoint on close.
    }
  }
  return bytes / 1_048_576;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
