// LoCoMo evidence recall@10: the full pipeline against BM25 alone, in one process, on the same turns.
// Every turn is one memory (speaker-attributed, createdAt = session date, metadata.diaId); each
// question of categories 1-4 with evidence is asked once with reinforce: false, and scores the share
// of its evidence turns among the 10 recalled memories. "Now" is one day after the conversation's
// last session, as if the agent were asked the next day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, type CreateMemoryOptions } from '@resonant/core';
import { FUSION_DEFAULTS, PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS } from '@resonant/core/ranking';
import { plainBm25MemoryOptions } from '../lib/plain-bm25-memory.js';
import { LOCOMO_CATEGORIES, loadLocomo, type LocomoConversation } from '../lib/load-locomo.js';
import { mean, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { evidenceRecall, rememberConversation } from '../lib/remember-conversation.js';
import { writeResult } from '../lib/write-result.js';

const K = 10;
const DAY_MS = 86_400_000;

interface Variant {
  name: string;
  description: string;
  options: (path: string) => CreateMemoryOptions;
}

const VARIANTS: Variant[] = [
  {
    name: 'full',
    description: 'createMemory defaults (lexical coarse stage, hashed vectors as fallback, + fine stage)',
    options: (path) => ({ path }),
  },
  {
    name: 'bm25',
    description: 'plain BM25 (no expansion, no context spread) alone, fine-stage signals off',
    options: plainBm25MemoryOptions,
  },
  {
    name: 'hybrid',
    description: 'defaults with the hashed vector channel fused at FUSION_DEFAULTS (lexicalWeight 0.9), as before',
    options: (path) => ({ path, fusion: FUSION_DEFAULTS }),
  },
  {
    name: 'feedback',
    description: 'defaults plus pseudo-relevance feedback (RM3) on the lexical channel',
    options: (path) => ({ path, lexical: { feedback: PSEUDO_RELEVANCE_FEEDBACK_DEFAULTS } }),
  },
  {
    name: 'no-recency',
    description: 'defaults without the recency signal (LoCoMo asks about all sessions alike)',
    options: (path) => ({ path, ranking: { recency: 0 } }),
  },
  {
    name: 'coarse',
    description: 'default coarse stage, fine-stage signals off (relevance only)',
    options: (path) => ({ path, ranking: { recency: 0, arousal: 0, utility: 0, phrase: 0 } }),
  },
  {
    name: 'lexical',
    description: 'default lexical channel (BM25 + expansion + context spread) alone, fine-stage signals off',
    options: (path) => ({
      path,
      fusion: { ...FUSION_DEFAULTS, method: 'score', lexicalWeight: 1 },
      ranking: { recency: 0, arousal: 0, utility: 0, phrase: 0 },
    }),
  },
  {
    name: 'vector',
    description: 'vector channel alone (default embedder), fine-stage signals off',
    options: (path) => ({
      path,
      fusion: { ...FUSION_DEFAULTS, method: 'score', lexicalWeight: 0 },
      ranking: { recency: 0, arousal: 0, utility: 0, phrase: 0 },
    }),
  },
];

interface QuestionScore {
  sampleId: string;
  category: number;
  recall: number;
}

const conversations = loadLocomo();
if (conversations === null) process.exit(0);

const workDir = mkdtempSync(join(tmpdir(), 'resonant-locomo-'));
const results: Record<
  string,
  { description: string; overall: number; byCategory: Record<string, number>; latencyMs: { p50: number; p95: number } }
> = {};
try {
  for (const variant of VARIANTS) {
    const scores: QuestionScore[] = [];
    const latencies: number[] = [];
    for (const conversation of conversations) {
      const { scores: conversationScores, latencies: conversationLatencies } = await evaluate(
        variant,
        conversation,
        join(workDir, `${variant.name}-${conversation.sampleId}.db`),
      );
      scores.push(...conversationScores);
      latencies.push(...conversationLatencies);
    }
    const byCategory: Record<string, number> = {};
    for (const category of [1, 2, 3, 4])
      byCategory[category] = mean(scores.filter((score) => score.category === category).map((score) => score.recall));
    results[variant.name] = {
      description: variant.description,
      overall: mean(scores.map((score) => score.recall)),
      byCategory,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    };
    if (variant.name === VARIANTS[0]!.name) results[variant.name]!.byCategory.count = scores.length;
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const questionCount = results.full!.byCategory.count!;
delete results.full!.byCategory.count;
const counts = countByCategory(conversations);
const rows: Cell[][] = [
  [
    'variant',
    'overall',
    ...[1, 2, 3, 4].map((category) => `${category} ${LOCOMO_CATEGORIES[category]} (${counts[category]})`),
    'p50 ms',
    'p95 ms',
  ],
];
for (const [name, result] of Object.entries(results)) {
  rows.push([
    name,
    result.overall,
    ...[1, 2, 3, 4].map((category) => result.byCategory[category]),
    result.latencyMs.p50,
    result.latencyMs.p95,
  ]);
}
printTable(rows, { title: `LoCoMo evidence recall@${K} (${questionCount} questions, categories 1-4)` });
const full = results.full!.overall;
const bm25 = results.bm25!.overall;
console.log(`full / bm25 = ${(full / bm25).toFixed(3)}`);
writeResult('locomo-recall', {
  k: K,
  questions: questionCount,
  questionsByCategory: counts,
  variants: results,
  summary: { [`full recall@${K}`]: round(full), [`bm25 recall@${K}`]: round(bm25), 'full / bm25': round(full / bm25) },
});

async function evaluate(
  variant: Variant,
  conversation: LocomoConversation,
  path: string,
): Promise<{ scores: QuestionScore[]; latencies: number[] }> {
  const lastSession = Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime()));
  const now = new Date(lastSession + DAY_MS);
  // Sequential ids: ties between equal scores break the same way on every run.
  let nextId = 0;
  const memory = await createMemory({
    ...variant.options(path),
    clock: () => now,
    generateId: () => `m${String(nextId++).padStart(6, '0')}`,
  });
  try {
    const namespace = await rememberConversation(memory, conversation);
    const scores: QuestionScore[] = [];
    const latencies: number[] = [];
    for (const question of conversation.questions) {
      if (question.category > 4 || question.evidence.length === 0) continue;
      const started = performance.now();
      const hits = await memory.recall({ namespace, query: question.question, limit: K, reinforce: false });
      latencies.push(performance.now() - started);
      const retrieved = hits.map((hit) => String(hit.memory.metadata.diaId));
      scores.push({
        sampleId: conversation.sampleId,
        category: question.category,
        recall: evidenceRecall(retrieved, question.evidence),
      });
    }
    return { scores, latencies };
  } finally {
    await memory.close();
  }
}

function countByCategory(all: LocomoConversation[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const conversation of all) {
    for (const question of conversation.questions) {
      if (question.category > 4 || question.evidence.length === 0) continue;
      counts[question.category] = (counts[question.category] ?? 0) + 1;
    }
  }
  return counts;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
