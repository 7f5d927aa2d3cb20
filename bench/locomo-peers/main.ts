// LoCoMo evidence recall@5/@10 of Resonant against its peers, in one process, on the same turns with
// the same embedder: LangGraph.js InMemoryStore (semantic index), Mem0 OSS (inference off, in-memory
// vector store), plain BM25 and Resonant's defaults. Every system holds one item per turn (the same
// speaker-attributed text) in a fresh instance per conversation and is asked each question of
// categories 1-4 once for its top 10; recall@5 scores the first five of that list. The held-out
// conversation (conv-41, never used for tuning) is reported on its own as well.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHashedEmbedder } from '@resonant/core';
import {
  evaluateLocomoRetriever,
  isRecallQuestion,
  summarizeLocomoScores,
  type LocomoSummary,
  type OpenLocomoRetriever,
} from '../lib/evaluate-locomo-retriever.js';
import { forbidNetwork } from '../lib/forbid-network.js';
import { LOCOMO_CATEGORIES, loadLocomo } from '../lib/load-locomo.js';
import { plainBm25MemoryOptions } from '../lib/plain-bm25-memory.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { toLangChainEmbeddings } from '../lib/to-langchain-embeddings.js';
import { writeResult } from '../lib/write-result.js';
import { langGraphRetriever } from './langgraph-retriever.js';
import { mem0Retriever } from './mem0-retriever.js';
import { resonantRetriever } from './resonant-retriever.js';

const KS = [5, 10] as const;
const HELD_OUT = 'conv-41';
const CATEGORIES = [1, 2, 3, 4] as const;

interface PeerResult {
  description: string;
  all?: LocomoSummary;
  heldOut?: LocomoSummary;
  ingestMs?: number;
  /** Why the system was not measured (it could not run offline here). */
  skipped?: string;
  [detail: string]: unknown;
}

const conversations = loadLocomo();
if (conversations === null) process.exit(0);

const network = forbidNetwork();
const embedder = createHashedEmbedder();
const embeddings = toLangChainEmbeddings(embedder);
const workDir = mkdtempSync(join(tmpdir(), 'resonant-locomo-peers-'));
const peers: Record<string, PeerResult> = {};

async function measure(name: string, description: string, open: () => Promise<OpenLocomoRetriever>) {
  try {
    const { scores, ingestMs } = await evaluateLocomoRetriever(await open(), conversations!, KS);
    peers[name] = {
      description,
      all: summarizeLocomoScores(scores, KS),
      heldOut: summarizeLocomoScores(
        scores.filter((score) => score.sampleId === HELD_OUT),
        KS,
      ),
      ingestMs,
    };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`${name} could not run: ${reason}`);
    peers[name] = { description, skipped: reason };
  }
}

try {
  await measure('resonant', 'createMemory defaults (hybrid coarse stage + fine stage, hashed embedder)', async () =>
    resonantRetriever('resonant', (path) => ({ path, embedder }), workDir),
  );
  await measure('bm25', 'plain BM25 over the query terms (Resonant lexical channel, no expansion)', async () =>
    resonantRetriever('bm25', plainBm25MemoryOptions, workDir),
  );
  await measure('langgraph', 'LangGraph.js InMemoryStore, semantic index on the text (cosine)', async () =>
    langGraphRetriever(embeddings, embedder.dimensions),
  );
  let mem0LlmCalls: (() => number) | undefined;
  await measure(
    'mem0',
    'Mem0 OSS Memory, infer: false, memory vector store (in-memory SQLite), its hybrid search',
    async () => {
      const run = await mem0Retriever(embeddings, embedder.dimensions, join(workDir, 'mem0-home'));
      mem0LlmCalls = run.llmCalls;
      return run.open;
    },
  );
  if (mem0LlmCalls) peers.mem0!.llmCalls = mem0LlmCalls();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const questionsByCategory: Record<number, number> = {};
for (const question of conversations.flatMap((conversation) => conversation.questions).filter(isRecallQuestion))
  questionsByCategory[question.category] = (questionsByCategory[question.category] ?? 0) + 1;
const questions = Object.values(questionsByCategory).reduce((sum, count) => sum + count, 0);

for (const [scope, label] of [
  ['all', `dev set (${conversations.length} conversations, ${questions} questions)`],
  ['heldOut', `held-out ${HELD_OUT}`],
] as const) {
  const rows: Cell[][] = [
    [
      'system',
      'k',
      'overall',
      ...CATEGORIES.map((category) => `${category} ${LOCOMO_CATEGORIES[category]}`),
      'p50 ms',
      'p95 ms',
    ],
  ];
  for (const [name, peer] of Object.entries(peers)) {
    const summary = peer[scope];
    if (!summary) {
      rows.push([name, null, `skipped: ${peer.skipped}`]);
      continue;
    }
    for (const k of KS)
      rows.push([
        name,
        k,
        summary.recall[k]!.overall,
        ...CATEGORIES.map((category) => summary.recall[k]![category]),
        k === KS[KS.length - 1] ? summary.latencyMs.p50 : null,
        k === KS[KS.length - 1] ? summary.latencyMs.p95 : null,
      ]);
  }
  printTable(rows, { title: `LoCoMo evidence recall@5/@10, ${label}` });
}
if (network.attempts.length > 0) console.error(`refused network calls: ${network.attempts.join(', ')}`);

const summary: Record<string, Cell> = {};
for (const [name, peer] of Object.entries(peers)) {
  summary[`${name} recall@10`] = peer.all ? round(peer.all.recall[10]!.overall!) : `skipped: ${peer.skipped}`;
  if (peer.all) summary[`${name} p95 ms`] = round(peer.all.latencyMs.p95);
}
writeResult('locomo-peers', {
  ks: KS,
  embedder: embedder.id,
  questions,
  questionsByCategory,
  heldOut: HELD_OUT,
  refusedNetworkCalls: network.attempts,
  peers,
  summary,
});

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
