// Recall at scale: 10k, 100k and (when RESONANT_BENCH_MAX allows) 1M memories of synthetic
// conversation (Zipf-distributed vocabulary, so turns cluster around shared words; see
// ../recall-latency/synthetic-text.ts), filled into one SQLite file in durable rememberMany batches.
// Per size: ingest rate, launch + first recall in a fresh process, full-pipeline recall p50/p95,
// the exact vector scan over the same vectors in the same run, resident memory and disk use.
// RESONANT_BENCH_MAX (default 100000) caps the largest size: 1M needs about 1.5 GB for the exact
// scan's float32 copy alone and over 5 minutes of ingest at today's rate, so it is opt-in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHashedEmbedder, createMemory, type Memory, SqliteStore } from '@resonant/core';
// The scan alone is not public API: measured straight from the source as a reference.
import { ExactVectorIndex } from '../../packages/core/src/store/index/exact-vector-index.js';
import { median, percentile } from '../lib/percentile.js';
import { printTable } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';
import { createSyntheticText } from '../recall-latency/synthetic-text.js';

const ALL_SIZES = [10_000, 100_000, 1_000_000];
const MAX = Number(process.env.RESONANT_BENCH_MAX ?? 100_000);
const SIZES = ALL_SIZES.filter((size) => size <= MAX);
const BATCH = 1_000;
const QUERIES = 200;
const WARM_UP = 20;
const K = 10;
const NAMESPACE = 'bench:scale';
const LAUNCHES = 3;
const SEED = 1717;

interface SizeResult {
  memories: number;
  ingestPerSecond: number;
  /** Median over fresh processes: createMemory, then the first recall. */
  coldStartMs: number;
  recallMs: { p50: number; p95: number };
  exactScanMs: { p50: number; p95: number };
  /** Share of the exact top-10 that the store's vector channel returns (1 for an exact store). */
  vectorRecallVsExact: number;
  rssMegabytes: number;
  diskMegabytes: number;
}

const workDir = mkdtempSync(join(tmpdir(), 'resonant-scale-'));
const path = join(workDir, 'memory.db');
const text = createSyntheticText(SEED);
const questions = Array.from({ length: QUERIES + WARM_UP }, () => text.question());
const start = Date.UTC(2024, 0, 1);
const embedder = createHashedEmbedder();
/** The same vectors the store holds, for the exact reference scan (slot = insertion order). */
const exact = new ExactVectorIndex(embedder.dimensions);
const slotIds: string[] = [];

const results: SizeResult[] = [];
let store = new SqliteStore({ path });
let memory: Memory = await createMemory({ store });
try {
  let stored = 0;
  for (const size of SIZES) {
    exact.reserve(size - stored);
    const ingestStarted = performance.now();
    let exactSeconds = 0;
    while (stored < size) {
      const count = Math.min(BATCH, size - stored);
      const texts = Array.from({ length: count }, () => text.turn());
      const written = await memory.rememberMany(
        texts.map((turn, i) => ({
          namespace: NAMESPACE,
          text: turn,
          createdAt: new Date(start + (stored + i) * 60_000),
        })),
      );
      // The reference copy is not part of ingest: timed apart and subtracted. Merged duplicates add no vector.
      const copyStarted = performance.now();
      const created = written.flatMap((result, i) =>
        result.outcome === 'created' ? [{ id: result.memory.id, text: texts[i]! }] : [],
      );
      exact.setMany(slotIds.length, await embedder.embed(created.map((entry) => entry.text)));
      for (const entry of created) slotIds.push(entry.id);
      exactSeconds += (performance.now() - copyStarted) / 1000;
      stored += count;
    }
    const ingestSeconds = (performance.now() - ingestStarted) / 1000 - exactSeconds;
    const ingested = size - (results.at(-1)?.memories ?? 0);

    await memory.close();
    const coldStartMs = timeColdStarts();
    store = new SqliteStore({ path });
    memory = await createMemory({ store });
    const recallMs = await timeRecalls(memory);
    const { scan, vectorRecall } = await timeExactScan();
    results.push({
      memories: size,
      ingestPerSecond: ingested / ingestSeconds,
      coldStartMs,
      recallMs,
      exactScanMs: scan,
      vectorRecallVsExact: vectorRecall,
      rssMegabytes: process.memoryUsage().rss / 1_048_576,
      diskMegabytes: directoryMegabytes(workDir),
    });
  }
} finally {
  await memory.close();
  rmSync(workDir, { recursive: true, force: true });
}

printTable(
  [
    [
      'memories',
      'ingest/s',
      'cold start ms',
      'recall p50',
      'recall p95',
      'scan p50',
      'scan p95',
      'vector recall',
      'RSS MB',
      'disk MB',
    ],
    ...results.map((r) => [
      r.memories,
      Math.round(r.ingestPerSecond),
      r.coldStartMs,
      r.recallMs.p50,
      r.recallMs.p95,
      r.exactScanMs.p50,
      r.exactScanMs.p95,
      r.vectorRecallVsExact,
      r.rssMegabytes,
      r.diskMegabytes,
    ]),
  ],
  { digits: 2, title: `Recall at scale (ms, ${QUERIES} queries, limit ${K}); exact scan over the same vectors` },
);

const at = (size: number) => results.find((r) => r.memories === size);
const million = at(1_000_000);
const notMeasured = million
  ? undefined
  : `1M not run: RESONANT_BENCH_MAX=${MAX} (set RESONANT_BENCH_MAX=1000000; it needs several GB of RAM and more than 15 minutes on a 2-core box at today's ingest rate)`;
const summary: Record<string, number | string | null> = {
  p50Ms_10k: round(at(10_000)?.recallMs.p50),
  p95Ms_10k: round(at(10_000)?.recallMs.p95),
  p95Ms_100k: round(at(100_000)?.recallMs.p95),
  exactScanP95Ms_100k: round(at(100_000)?.exactScanMs.p95),
  p95Ms_1M: round(million?.recallMs.p95),
  exactScanP95Ms_1M: round(million?.exactScanMs.p95),
  annRecallVsExact_1M: round(million?.vectorRecallVsExact, 3),
  coldStartMs_1M: round(million?.coldStartMs),
  ingestPerSec_1M: million ? Math.round(million.ingestPerSecond) : null,
  rssMB_1M: round(million?.rssMegabytes),
  diskMB_1M: round(million?.diskMegabytes),
};
if (notMeasured) summary.reason = notMeasured;
writeResult('scale', {
  loadAverage: loadavg(),
  max: MAX,
  queries: QUERIES,
  batch: BATCH,
  sizes: results,
  summary,
});

/** Fresh processes on the (closed) file: open + first recall, the median. */
function timeColdStarts(): number {
  const script = join(dirname(fileURLToPath(import.meta.url)), '../recall-latency/cold-start.ts');
  const runs: number[] = [];
  for (let launch = 0; launch < LAUNCHES; launch++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, path, NAMESPACE, questions[launch]!], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`cold-start.ts failed: ${child.stderr}`);
    runs.push((JSON.parse(child.stdout) as { firstRecallMs: number }).firstRecallMs);
  }
  return median(runs);
}

async function timeRecalls(target: Memory): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < questions.length; i++) {
    const started = performance.now();
    await target.recall({ namespace: NAMESPACE, query: questions[i]!, limit: K, reinforce: false });
    if (i >= WARM_UP) samples.push(performance.now() - started);
  }
  return { p50: median(samples), p95: percentile(samples, 95) };
}

/**
 * The exact top-10 over the same vectors, timed; and the share of it that the store's own vector
 * channel (whatever index it uses) returns for the same query vector.
 */
async function timeExactScan(): Promise<{ scan: { p50: number; p95: number }; vectorRecall: number }> {
  const queryVectors = await embedder.embed(questions);
  const samples: number[] = [];
  let found = 0;
  let expected = 0;
  for (let i = 0; i < queryVectors.length; i++) {
    const vector = queryVectors[i]!;
    const started = performance.now();
    const top = exact.search(vector, K, () => true, { above: 0 });
    if (i >= WARM_UP) samples.push(performance.now() - started);
    const truth = new Set(top.map(({ slot }) => slotIds[slot]!));
    const got = await store.vectorCandidates({ namespace: NAMESPACE, vector, limit: K });
    expected += truth.size;
    found += got.filter((candidate) => truth.has(candidate.id)).length;
  }
  return {
    scan: { p50: median(samples), p95: percentile(samples, 95) },
    vectorRecall: expected === 0 ? 1 : found / expected,
  };
}

/** Everything under the directory: the database, its WAL and the vector graphs in `<file>.vectors/`. */
function directoryMegabytes(directory: string): number {
  let bytes = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  return bytes / 1_048_576;
}

function round(value: number | undefined, digits = 2): number | null {
  if (value === undefined || Number.isNaN(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
