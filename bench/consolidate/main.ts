// Time and peak memory to consolidate 10k memories with the offline (extractive) summarizer.
// The parent fills one SQLite file (125 days x 4 sessions x 20 turns of synthetic conversation,
// about 1 turn in 20 vivid), timing that ingest as the reference, then copies it once per run and
// consolidates each copy in a fresh child process, which reports its wall time, its peak resident
// set (maxRSS) and the time of an immediate second run (idempotent: it must change nothing).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemory, type ConsolidateResult, type RememberInput } from '@resonant/core';
import { median } from '../lib/percentile.js';
import { printTable } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';
import { createSyntheticText } from '../recall-latency/synthetic-text.js';

const NAMESPACE = 'bench:consolidate';
const DAYS = 125;
const SESSIONS_PER_DAY = 4;
const TURNS_PER_SESSION = 20;
const RUNS = 3;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 6, 8);
const NOW = new Date(START + (DAYS + 60) * DAY_MS);

interface ChildReport {
  ms: number;
  rerunMs: number;
  maxRssMb: number;
  heapPeakMb: number;
  result: ConsolidateResult;
  rerun: ConsolidateResult;
}

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(await consolidateInChild(process.argv[3]!))}\n`);
  process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), 'resonant-bench-consolidate-'));
try {
  const source = join(workDir, 'source.db');
  const ingestMs = await ingest(source);
  const reports: ChildReport[] = [];
  for (let run = 0; run < RUNS; run++) {
    const copy = join(workDir, `run-${run}.db`);
    copyFileSync(source, copy);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', copy], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`consolidation child failed: ${child.stderr}`);
    reports.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildReport);
  }
  const memories = DAYS * SESSIONS_PER_DAY * TURNS_PER_SESSION;
  const ms = median(reports.map((report) => report.ms));
  const maxRssMb = median(reports.map((report) => report.maxRssMb));
  const rerunMs = median(reports.map((report) => report.rerunMs));
  const { result, rerun } = reports[0]!;
  printTable(
    [
      ['step', 'median ms', 'per 1k memories ms', 'runs'],
      ['ingest (rememberMany, reference)', ingestMs, (ingestMs * 1000) / memories, 1],
      ['consolidate (extractive summarizer)', ms, (ms * 1000) / memories, RUNS],
      ['second run (changes nothing)', rerunMs, (rerunMs * 1000) / memories, RUNS],
    ],
    {
      title: `Consolidating ${memories} memories (${DAYS} days), peak RSS ${maxRssMb.toFixed(0)} MB, peak heap ${median(reports.map((report) => report.heapPeakMb)).toFixed(0)} MB`,
      digits: 1,
    },
  );
  console.log(
    `created per level (session/day/week/milestone): ${result.created.join('/')}, archived ${result.archived}, relinked ${result.relinked}; second run created ${rerun.created.join('/')}, archived ${rerun.archived}`,
  );
  writeResult('consolidate', {
    memories,
    runs: RUNS,
    summarizer: 'extractive (offline)',
    ingestMs,
    consolidateMs: { median: ms, runs: reports.map((report) => report.ms) },
    rerunMs: { median: rerunMs, runs: reports.map((report) => report.rerunMs) },
    maxRssMb: { median: maxRssMb, runs: reports.map((report) => report.maxRssMb) },
    heapPeakMb: median(reports.map((report) => report.heapPeakMb)),
    created: result.created,
    archived: result.archived,
    relinked: result.relinked,
    rerun: { created: rerun.created, archived: rerun.archived, relinked: rerun.relinked },
    summary: {
      'consolidate 10k ms': Math.round(ms),
      'peak RSS MB': Math.round(maxRssMb),
      'peak heap MB': Math.round(median(reports.map((report) => report.heapPeakMb))),
      'consolidate / ingest': Math.round((ms / ingestMs) * 100) / 100,
      'second run ms': Math.round(rerunMs),
    },
  });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

async function ingest(path: string): Promise<number> {
  const text = createSyntheticText(5);
  const inputs: RememberInput[] = [];
  for (let day = 0; day < DAYS; day++) {
    for (let session = 0; session < SESSIONS_PER_DAY; session++) {
      for (let turn = 0; turn < TURNS_PER_SESSION; turn++) {
        const vivid = (inputs.length * 7) % 20 === 3;
        inputs.push({
          namespace: NAMESPACE,
          text: text.turn(),
          createdAt: new Date(START + day * DAY_MS + session * 4 * 3_600_000 + turn * 45_000),
          arousal: vivid ? 0.85 : 0.15,
        });
      }
    }
  }
  const memory = await createMemory({ path, clock: () => NOW });
  const started = performance.now();
  for (let start = 0; start < inputs.length; start += 1000)
    await memory.rememberMany(inputs.slice(start, start + 1000));
  const elapsed = performance.now() - started;
  await memory.close();
  return elapsed;
}

async function consolidateInChild(path: string): Promise<ChildReport> {
  const memory = await createMemory({ path, clock: () => NOW });
  // Sampled at every progress event: a timer would rarely fire while consolidation keeps the loop busy.
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
  const started = performance.now();
  const result = await memory.consolidate({ namespace: NAMESPACE, now: NOW, onProgress: sample });
  const ms = performance.now() - started;
  sample();
  const rerunStarted = performance.now();
  const rerun = await memory.consolidate({ namespace: NAMESPACE, now: NOW });
  const rerunMs = performance.now() - rerunStarted;
  await memory.close();
  // maxRSS is in kilobytes: the peak resident set of this process over its whole life.
  return {
    ms,
    rerunMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapPeakMb: heapPeak / 1024 / 1024,
    result,
    rerun,
  };
}
