// buildContext latency at 10k memories, next to plain recall (limit 10) in the same run on the same
// store: each query runs recall, then buildContext at 1,000 and 4,000 tokens, interleaved so both
// see the same machine load. Synthetic memories (seeded, deterministic): everyday chat-like English
// sentences about a few dozen people, places and activities, 5% long notes (over the ContextGuard
// limit, so they are summarized), some emotional and a few crisis items. reinforce: false, so
// every query sees the same store. The first queries warm the tokenizer and text caches, as in a
// live process; they are not measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, type RememberInput } from '@resonant/core';
import { mean, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';
import { seededRandom } from '../../packages/core/test/seeded-random.js';

const MEMORIES = 10_000;
const QUERIES = 200;
const WARM_UP = 20;
const BUDGETS = [1000, 4000] as const;
const NOW = new Date('2024-06-01T12:00:00Z');
const DAY_MS = 86_400_000;

const PEOPLE = ['Caroline', 'Melanie', 'Jon', 'Gina', 'Tim', 'Maria', 'Kenji', 'Aiko', 'Omar', 'Lena', 'Ravi', 'Sofia'];
const ACTIVITIES = [
  'cooking pasta',
  'hiking in the hills',
  'painting a sunset',
  'playing the violin',
  'training for a marathon',
  'reading a mystery novel',
  'planting tomatoes',
  'adopting a dog',
  'learning Japanese',
  'fixing the old bike',
  'visiting the museum',
  'going to a support group',
];
const PLACES = [
  'the lake',
  'the city center',
  'her sister’s house',
  'the community garden',
  'the library',
  'the beach',
  'Tokyo',
  'the mountains',
];
const FEELINGS = [
  'it was relaxing',
  'it was so much fun',
  'it felt a bit lonely',
  'everyone was kind',
  'it was exhausting but worth it',
  'the kids loved it',
];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

// A seeded generator, so every run stores the same memories.
const random = seededRandom(20240601);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

function sentence(): string {
  return `${pick(PEOPLE)} went ${pick(ACTIVITIES)} at ${pick(PLACES)} on ${1 + Math.floor(random() * 28)} ${pick(MONTHS)} with ${pick(PEOPLE)}, and ${pick(FEELINGS)}.`;
}

function memoryInput(index: number): RememberInput {
  const long = random() < 0.05;
  const roll = random();
  return {
    namespace: 'bench:latency',
    text: long ? Array.from({ length: 8 }, sentence).join(' ') : `${pick(PEOPLE)}: ${sentence()}`,
    createdAt: new Date(NOW.getTime() - Math.floor(random() * 365) * DAY_MS - index),
    arousal: roll < 0.2 ? random() : 0,
    valence: roll < 0.2 ? random() * 2 - 1 : 0,
    crisis: roll > 0.998 ? 0.9 : 0,
  };
}

function query(): string {
  return random() < 0.5 ? `When did ${pick(PEOPLE)} go ${pick(ACTIVITIES)}?` : `${pick(ACTIVITIES)} at ${pick(PLACES)}`;
}

const workDir = mkdtempSync(join(tmpdir(), 'resonant-context-latency-'));
const timings: Record<string, number[]> = {
  recall: [],
  ...Object.fromEntries(BUDGETS.map((budget) => [`buildContext ${budget}`, []])),
};
const tokensUsed: Record<number, number[]> = Object.fromEntries(BUDGETS.map((budget) => [budget, []]));
try {
  const memory = await createMemory({ path: join(workDir, 'memory.db'), clock: () => NOW });
  const inputs = Array.from({ length: MEMORIES }, (_, index) => memoryInput(index));
  for (let start = 0; start < inputs.length; start += 1000)
    await memory.rememberMany(inputs.slice(start, start + 1000));
  const namespace = 'bench:latency';
  for (let index = 0; index < WARM_UP + QUERIES; index++) {
    const text = query();
    const measured = index >= WARM_UP;
    let started = performance.now();
    await memory.recall({ namespace, query: text, limit: 10, reinforce: false });
    if (measured) timings.recall!.push(performance.now() - started);
    for (const budget of BUDGETS) {
      started = performance.now();
      const context = await memory.buildContext({
        namespace,
        query: text,
        budget: { tokens: budget },
        reinforce: false,
      });
      if (!measured) continue;
      timings[`buildContext ${budget}`]!.push(performance.now() - started);
      tokensUsed[budget]!.push(context.tokens);
    }
  }
  await memory.close();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const stats = Object.fromEntries(
  Object.entries(timings).map(([name, values]) => [
    name,
    { p50: percentile(values, 50), p95: percentile(values, 95), mean: mean(values) },
  ]),
);
const rows: Cell[][] = [['operation', 'p50 ms', 'p95 ms', 'mean ms', 'p95 / recall p95']];
for (const [name, stat] of Object.entries(stats))
  rows.push([name, stat.p50, stat.p95, stat.mean, stat.p95 / stats.recall!.p95]);
printTable(rows, {
  title: `Latency at ${MEMORIES} memories (${QUERIES} queries, after ${WARM_UP} warm-up)`,
  digits: 2,
});
writeResult('context-latency', {
  memories: MEMORIES,
  queries: QUERIES,
  latencyMs: stats,
  meanTokensUsed: Object.fromEntries(BUDGETS.map((budget) => [budget, mean(tokensUsed[budget]!)])),
  summary: {
    'recall p95 ms': round(stats.recall!.p95),
    ...Object.fromEntries(
      BUDGETS.map((budget) => [`buildContext ${budget} p95 ms`, round(stats[`buildContext ${budget}`]!.p95)]),
    ),
    'buildContext 1000 p95 / recall p95': round(stats['buildContext 1000']!.p95 / stats.recall!.p95),
  },
});

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
