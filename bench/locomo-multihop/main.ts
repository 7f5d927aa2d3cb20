// LoCoMo multi-hop (category 1) evidence recall@10 with recall expansion on versus off, in one run on
// the same stores. Each conversation is remembered once per store configuration (one memory per
// turn, with entity links written on the way in); every question is asked with reinforce: false
// under each expansion setting, so the settings see identical data. Categories 2-4 are reported too,
// to show what expansion costs elsewhere. "Now" is one day after the conversation's last session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, type CreateMemoryOptions, type RecallOptions } from '@resonant/core';
import { CONTEXT_SPREAD_DEFAULTS } from '@resonant/core/ranking';
import { plainBm25MemoryOptions } from '../lib/plain-bm25-memory.js';
import { LOCOMO_CATEGORIES, loadLocomo } from '../lib/load-locomo.js';
import { mean, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { evidenceRecall, rememberConversation } from '../lib/remember-conversation.js';
import { writeResult } from '../lib/write-result.js';

const K = 10;
const DAY_MS = 86_400_000;
const CATEGORIES = [1, 2, 3, 4];

interface Pipeline {
  name: string;
  description: string;
  options: (path: string) => CreateMemoryOptions;
}

const PIPELINES: Pipeline[] = [
  {
    name: 'default',
    description: 'createMemory defaults (hybrid coarse stage + fine stage)',
    options: (path) => ({ path }),
  },
  {
    name: 'bm25',
    description: 'plain BM25 only (no query expansion, spread or date boost), fine-stage signals off',
    options: plainBm25MemoryOptions,
  },
  {
    name: 'default-no-spread',
    description: 'createMemory defaults without the lexical channel spreading scores to neighbouring turns',
    options: (path) => ({ path, lexical: { contextSpread: { ...CONTEXT_SPREAD_DEFAULTS, weight: 0 } } }),
  },
];

const EXPANSIONS: { name: string; expand: RecallOptions['expand'] }[] = [
  { name: 'off', expand: undefined },
  { name: '1 hop', expand: { hops: 1 } },
  { name: '2 hops', expand: { hops: 2 } },
];

interface Score {
  category: number;
  recall: number;
  latencyMs: number;
}

const conversations = loadLocomo();
if (conversations === null) process.exit(0);

const workDir = mkdtempSync(join(tmpdir(), 'resonant-locomo-multihop-'));
const scores = new Map<string, Score[]>();
try {
  for (const pipeline of PIPELINES) {
    for (const conversation of conversations) {
      const lastSession = Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime()));
      const now = new Date(lastSession + DAY_MS);
      // Sequential ids: ties in the ranking break by id, so random ids would make runs differ.
      let nextId = 0;
      const memory = await createMemory({
        ...pipeline.options(join(workDir, `${pipeline.name}-${conversation.sampleId}.db`)),
        clock: () => now,
        generateId: () => `t${String(nextId++).padStart(6, '0')}`,
      });
      try {
        const namespace = await rememberConversation(memory, conversation);
        for (const question of conversation.questions) {
          if (!CATEGORIES.includes(question.category) || question.evidence.length === 0) continue;
          for (const expansion of EXPANSIONS) {
            const started = performance.now();
            const hits = await memory.recall({
              namespace,
              query: question.question,
              limit: K,
              reinforce: false,
              expand: expansion.expand,
            });
            const latencyMs = performance.now() - started;
            const retrieved = hits.map((hit) => String(hit.memory.metadata.diaId));
            const key = `${pipeline.name} / ${expansion.name}`;
            scores.set(key, [
              ...(scores.get(key) ?? []),
              { category: question.category, recall: evidenceRecall(retrieved, question.evidence), latencyMs },
            ]);
          }
        }
      } finally {
        await memory.close();
      }
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const variants: Record<
  string,
  { multiHop: number; byCategory: Record<string, number>; overall: number; latencyMs: { p50: number; p95: number } }
> = {};
const counts: Record<string, number> = {};
for (const [key, list] of scores) {
  const byCategory: Record<string, number> = {};
  for (const category of CATEGORIES) {
    const inCategory = list.filter((score) => score.category === category);
    byCategory[category] = mean(inCategory.map((score) => score.recall));
    counts[category] = inCategory.length;
  }
  const latencies = list.map((score) => score.latencyMs);
  variants[key] = {
    multiHop: byCategory[1]!,
    byCategory,
    overall: mean(list.map((score) => score.recall)),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  };
}

const rows: Cell[][] = [
  [
    'pipeline / expansion',
    `1 ${LOCOMO_CATEGORIES[1]} (${counts[1]})`,
    ...[2, 3, 4].map((category) => `${category} ${LOCOMO_CATEGORIES[category]}`),
    'overall',
    'p50 ms',
    'p95 ms',
  ],
];
for (const [key, result] of Object.entries(variants)) {
  rows.push([
    key,
    result.multiHop,
    ...[2, 3, 4].map((category) => result.byCategory[category]),
    result.overall,
    result.latencyMs.p50,
    result.latencyMs.p95,
  ]);
}
printTable(rows, { title: `LoCoMo evidence recall@${K}, recall expansion off vs on (same stores, same run)` });
const gain = (pipeline: string, expansion: string) =>
  variants[`${pipeline} / ${expansion}`]!.multiHop / variants[`${pipeline} / off`]!.multiHop;
console.log(
  `multi-hop, default pipeline: 1 hop / off = ${gain('default', '1 hop').toFixed(3)}, 2 hops / off = ${gain('default', '2 hops').toFixed(3)}`,
);
writeResult('locomo-multihop', {
  k: K,
  questionsByCategory: counts,
  variants,
  summary: {
    [`multi-hop recall@${K} off`]: round(variants['default / off']!.multiHop),
    [`multi-hop recall@${K} 1 hop`]: round(variants['default / 1 hop']!.multiHop),
    [`multi-hop recall@${K} 2 hops`]: round(variants['default / 2 hops']!.multiHop),
    [`bm25 multi-hop recall@${K} off`]: round(variants['bm25 / off']!.multiHop),
    [`bm25 multi-hop recall@${K} 1 hop`]: round(variants['bm25 / 1 hop']!.multiHop),
    'multi-hop 1 hop / off': round(gain('default', '1 hop')),
  },
});

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
