// LoCoMo evidence inside a 1,000-token context: buildContext against plain BM25 top hits packed into
// the same budget, in one process, on the same turns. Every turn is one memory (speaker-attributed,
// createdAt = session date, metadata.diaId). Each question of categories 1-4 with evidence is asked
// once with reinforce: false; a question scores the share of its evidence turns whose content is in
// the context (shown in full or as a summary; a memory only counted in the aggregate line is not).
// The baselines recall with plain BM25 alone (no query expansion, no context spread, fine-stage
// signals off, as the `bm25` variant of locomo-recall) and pack hits in
// rank order, skipping any that no longer fits: "plain" as bare texts one per line (no reference,
// no date: the cheapest possible rendering), "referenced" with the same `- m:<id>: ` prefix the
// context uses. "Now" is one day after the conversation's last session. A second, content-level
// measure: the share of the gold answer's search terms found in the context text (dates in the
// answer rarely match the contexts' ISO dates, and plain packing shows no dates at all).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, createTiktokenCounter, memoryReference, tokenizeForSearch, type RecallHit } from '@resonant/core';
import { plainBm25MemoryOptions } from '../lib/plain-bm25-memory.js';
import { LOCOMO_CATEGORIES, loadLocomo, type LocomoConversation } from '../lib/load-locomo.js';
import { mean, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { evidenceRecall, rememberConversation, turnText } from '../lib/remember-conversation.js';
import { writeResult } from '../lib/write-result.js';

const BUDGET = 1000;
const BASELINE_HITS = 200;
const DAY_MS = 86_400_000;
const counter = createTiktokenCounter();

interface QuestionScore {
  category: number;
  context: number;
  contextFull: number;
  plain: number;
  referenced: number;
  contextAnswer: number;
  plainAnswer: number;
  referencedAnswer: number;
  retention: number | null;
  contextTokens: number;
  plainTokens: number;
  referencedTokens: number;
  included: number;
  summaries: number;
  aggregated: number;
  latencyMs: number;
}

const conversations = loadLocomo();
if (conversations === null) process.exit(0);

const workDir = mkdtempSync(join(tmpdir(), 'resonant-locomo-context-'));
const scores: QuestionScore[] = [];
const fullConversationTokens: number[] = [];
try {
  for (const conversation of conversations) {
    fullConversationTokens.push(counter.count(conversation.turns.map(turnText).join('\n')));
    scores.push(...(await evaluate(conversation)));
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const methods = [
  ['buildContext', 'context', 'contextTokens'],
  ['bm25 plain', 'plain', 'plainTokens'],
  ['bm25 referenced', 'referenced', 'referencedTokens'],
] as const;
type Measure = Exclude<keyof QuestionScore, 'retention'>;
const byCategory = (key: Measure, category: number) => mean(scores.filter((score) => score.category === category).map((score) => score[key]));
const rows: Cell[][] = [['method', 'inside', ...[1, 2, 3, 4].map((category) => `${category} ${LOCOMO_CATEGORIES[category]}`), 'mean tokens']];
for (const [name, key, tokensKey] of methods) rows.push([name, mean(scores.map((score) => score[key])), ...[1, 2, 3, 4].map((category) => byCategory(key, category)), mean(scores.map((score) => score[tokensKey]))]);
rows.push(['buildContext (full only)', mean(scores.map((score) => score.contextFull)), ...[1, 2, 3, 4].map((category) => byCategory('contextFull', category)), null]);
rows.push(['answer terms: buildContext', mean(scores.map((score) => score.contextAnswer)), ...[1, 2, 3, 4].map((category) => byCategory('contextAnswer', category)), null]);
rows.push(['answer terms: bm25 plain', mean(scores.map((score) => score.plainAnswer)), ...[1, 2, 3, 4].map((category) => byCategory('plainAnswer', category)), null]);
rows.push(['answer terms: bm25 referenced', mean(scores.map((score) => score.referencedAnswer)), ...[1, 2, 3, 4].map((category) => byCategory('referencedAnswer', category)), null]);
printTable(rows, { title: `LoCoMo evidence inside a ${BUDGET}-token context (${scores.length} questions, categories 1-4)` });
const latencies = scores.map((score) => score.latencyMs);
const inside = mean(scores.map((score) => score.context));
const meanRetention = mean(scores.flatMap((score) => (score.retention === null ? [] : [score.retention])));
const plain = mean(scores.map((score) => score.plain));
console.log(
  `full conversation: ${Math.round(mean(fullConversationTokens))} tokens on average; buildContext p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms; ` +
    `per context: ${mean(scores.map((score) => score.included)).toFixed(1)} memories shown (${mean(scores.map((score) => score.summaries)).toFixed(1)} as summaries, mean retention ${meanRetention.toFixed(3)}), ${mean(scores.map((score) => score.aggregated)).toFixed(1)} folded into the aggregate line`,
);
writeResult('locomo-context', {
  budgetTokens: BUDGET,
  encoding: counter.encoding,
  questions: scores.length,
  evidenceInside: {
    buildContext: byCategories('context'),
    buildContextFullOnly: byCategories('contextFull'),
    bm25Plain: byCategories('plain'),
    bm25Referenced: byCategories('referenced'),
  },
  answerTermsInside: { buildContext: byCategories('contextAnswer'), bm25Plain: byCategories('plainAnswer'), bm25Referenced: byCategories('referencedAnswer') },
  meanTokens: { buildContext: mean(scores.map((score) => score.contextTokens)), bm25Plain: mean(scores.map((score) => score.plainTokens)), bm25Referenced: mean(scores.map((score) => score.referencedTokens)) },
  fullConversationTokens: { mean: mean(fullConversationTokens), perConversation: fullConversationTokens },
  perContext: {
    memoriesShown: mean(scores.map((score) => score.included)),
    summaries: mean(scores.map((score) => score.summaries)),
    meanSummaryRetention: meanRetention,
    aggregated: mean(scores.map((score) => score.aggregated)),
  },
  latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  summary: {
    'buildContext evidence inside': round(inside),
    'bm25 plain evidence inside': round(plain),
    'buildContext / bm25 plain': round(inside / plain),
    'buildContext answer terms inside': round(mean(scores.map((score) => score.contextAnswer))),
    'bm25 plain answer terms inside': round(mean(scores.map((score) => score.plainAnswer))),
    'buildContext mean tokens': Math.round(mean(scores.map((score) => score.contextTokens))),
    'full conversation tokens': Math.round(mean(fullConversationTokens)),
  },
});

function byCategories(key: Measure): Record<string, number> {
  const result: Record<string, number> = { overall: mean(scores.map((score) => score[key])) };
  for (const category of [1, 2, 3, 4]) result[category] = byCategory(key, category);
  return result;
}

async function evaluate(conversation: LocomoConversation): Promise<QuestionScore[]> {
  const lastSession = Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime()));
  const now = new Date(lastSession + DAY_MS);
  const memory = await createMemory({ path: join(workDir, `context-${conversation.sampleId}.db`), clock: () => now });
  const bm25Path = join(workDir, `bm25-${conversation.sampleId}.db`);
  const bm25 = await createMemory({ ...plainBm25MemoryOptions(bm25Path), clock: () => now });
  try {
    const namespace = await rememberConversation(memory, conversation);
    await rememberConversation(bm25, conversation);
    const scores: QuestionScore[] = [];
    // The first call builds the tokenizer and warms the caches; it is not a query of the benchmark.
    await memory.buildContext({ namespace, query: 'warm up', budget: { tokens: BUDGET }, reinforce: false });
    for (const question of conversation.questions) {
      if (question.category > 4 || question.evidence.length === 0) continue;
      const started = performance.now();
      const context = await memory.buildContext({ namespace, query: question.question, budget: { tokens: BUDGET }, reinforce: false });
      const latencyMs = performance.now() - started;
      const shown = context.included.filter((item) => item.mode !== 'aggregate');
      const summaries = shown.filter((item) => item.mode === 'summary');
      const hits = await bm25.recall({ namespace, query: question.question, limit: BASELINE_HITS, reinforce: false });
      const plain = pack(hits, (hit) => `${hit.memory.text}\n`);
      const referenced = pack(hits, (hit) => `- ${memoryReference(hit.memory.id)}: ${hit.memory.text}\n`);
      scores.push({
        category: question.category,
        context: evidenceRecall(shown.map((item) => String(item.memory.metadata.diaId)), question.evidence),
        contextFull: evidenceRecall(
          shown.filter((item) => item.mode === 'full').map((item) => String(item.memory.metadata.diaId)),
          question.evidence,
        ),
        plain: evidenceRecall(plain.diaIds, question.evidence),
        contextAnswer: answerTermsInside(question.answer, context.text),
        plainAnswer: answerTermsInside(question.answer, plain.text),
        referencedAnswer: answerTermsInside(question.answer, referenced.text),
        retention: summaries.length === 0 ? null : mean(summaries.map((item) => item.compression!.retention.score)),
        referenced: evidenceRecall(referenced.diaIds, question.evidence),
        contextTokens: context.tokens,
        plainTokens: plain.tokens,
        referencedTokens: referenced.tokens,
        included: shown.length,
        summaries: summaries.length,
        aggregated: context.included.length - shown.length,
        latencyMs,
      });
    }
    return scores;
  } finally {
    await memory.close();
    await bm25.close();
  }
}

/** Packs hits in rank order into the budget, skipping those that no longer fit; counts the joined text exactly. */
function pack(hits: readonly RecallHit[], line: (hit: RecallHit) => string): { diaIds: string[]; tokens: number; text: string } {
  let text = '';
  const diaIds: string[] = [];
  for (const hit of hits) {
    const next = text + line(hit);
    if (counter.count(next) > BUDGET) continue;
    text = next;
    diaIds.push(String(hit.memory.metadata.diaId));
  }
  return { diaIds, tokens: counter.count(text), text };
}

/** Share of the answer's search terms present in the text (1 when the answer has none). */
function answerTermsInside(answer: string | null, text: string): number {
  const terms = [...new Set(tokenizeForSearch(answer ?? ''))];
  if (terms.length === 0) return 1;
  const present = new Set(tokenizeForSearch(text));
  return terms.filter((term) => present.has(term)).length / terms.length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
