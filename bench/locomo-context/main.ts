// LoCoMo context quality judged by the text a model reads (issue 13). Every turn is one memory
// (speaker-attributed, createdAt = session date, metadata.diaId). Each question of categories 1-4
// with evidence is asked once per budget (500, 1,000, 2,000 tokens) with reinforce: false.
//
// Measures, on the rendered `text` only (bench/lib/content-words.ts):
// - evidence-text recall: an evidence turn counts when at least 60 % of its content words (stop
//   words and words of two letters or fewer left out) appear in the text;
// - answer-word recall: share of the gold answer's content words present in the text;
// - tokens used (exact tiktoken count of the text).
// Methods, in the same process on the same turns:
// - `buildContext`: createMemory defaults;
// - `buildContext slept`: the same after `consolidate` (session/day/week summaries; raw turns stay
//   searchable only until archived, so summaries must carry the facts);
// - `bm25 packed`: plain BM25 top hits (query terms only, no vector channel, fine stage off) packed
//   in rank order as bare lines into the same budget, skipping any that no longer fits.
// The id-based figure of earlier rounds (a summary counted for every turn under it) is printed next
// to the text figure for buildContext, labelled as such. "Now" is one day after the last session.
// Per-conversation figures are kept so a held-out conversation can be quoted beside the rest.
// The same measures run on the project's Japanese set (bench/lib/japanese-conversations.ts), in its
// own tables, and still when the LoCoMo data is absent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemory,
  createTiktokenCounter,
  type BuildContextResult,
  type Memory,
  type RecallHit,
} from '@resonant/core';
import { contentWordSet, evidenceTextRecall, wordCoverage } from '../lib/content-words.js';
import { JAPANESE_CONVERSATIONS } from '../lib/japanese-conversations.js';
import { LOCOMO_CATEGORIES, loadLocomo, type LocomoConversation } from '../lib/load-locomo.js';
import { mean, percentile } from '../lib/percentile.js';
import { plainBm25MemoryOptions } from '../lib/plain-bm25-memory.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { evidenceRecall, rememberConversation, turnText } from '../lib/remember-conversation.js';
import { writeResult } from '../lib/write-result.js';

const BUDGETS = [500, 1000, 2000] as const;
const BASELINE_HITS = 300;
const DAY_MS = 86_400_000;
const CATEGORIES = [1, 2, 3, 4];
const METHODS = ['buildContext', 'buildContext slept', 'bm25 packed'] as const;
type Method = (typeof METHODS)[number];
const counter = createTiktokenCounter();

interface Score {
  conversation: string;
  category: number;
  budget: number;
  method: Method;
  evidenceText: number;
  answerWords: number;
  tokens: number;
  /** Labelled id-based figure (buildContext only): a summary counts for every turn under it. */
  evidenceIds: number | null;
  shown: number;
  summaries: number;
  /** Tokens that are not memory content (frame, date lines, references, marks), per line shown. */
  markupPerLine: number | null;
  latencyMs: number;
}

const SETS = [
  { key: 'english', title: 'LoCoMo dev (English)', conversations: loadLocomo() },
  {
    key: 'japanese',
    title: 'Japanese set (bench/lib/japanese-conversations.ts)',
    conversations: JAPANESE_CONVERSATIONS,
  },
] as const;

const workDir = mkdtempSync(join(tmpdir(), 'resonant-locomo-context-'));
const scores = new Map<string, Score[]>();
try {
  for (const set of SETS) {
    if (set.conversations === null) continue;
    const setScores: Score[] = [];
    for (const conversation of set.conversations) setScores.push(...(await evaluate(conversation)));
    scores.set(set.key, setScores);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

type Key = 'evidenceText' | 'answerWords' | 'tokens' | 'evidenceIds' | 'markupPerLine';

/** The figures of one set: selection, means, printed tables and the JSON report. */
function reportSet(title: string, conversations: readonly LocomoConversation[], setScores: readonly Score[]) {
  const select = (method: Method, budget: number, category?: number, conversation?: string) =>
    setScores.filter(
      (score) =>
        score.method === method &&
        score.budget === budget &&
        (category === undefined || score.category === category) &&
        (conversation === undefined || score.conversation === conversation),
    );
  const figure = (method: Method, budget: number, key: Key, category?: number) =>
    mean(select(method, budget, category).flatMap((score) => (score[key] === null ? [] : [score[key]!])));

  for (const budget of BUDGETS) {
    const rows: Cell[][] = [
      [
        'method',
        'measure',
        'overall',
        ...CATEGORIES.map((category) => `${category} ${LOCOMO_CATEGORIES[category]}`),
        'tokens',
      ],
    ];
    for (const method of METHODS) {
      rows.push([
        method,
        'evidence text',
        figure(method, budget, 'evidenceText'),
        ...CATEGORIES.map((c) => figure(method, budget, 'evidenceText', c)),
        figure(method, budget, 'tokens'),
      ]);
      rows.push([
        '',
        'answer words',
        figure(method, budget, 'answerWords'),
        ...CATEGORIES.map((c) => figure(method, budget, 'answerWords', c)),
        null,
      ]);
      if (method !== 'bm25 packed')
        rows.push([
          '',
          '(ids, not text)',
          figure(method, budget, 'evidenceIds'),
          ...CATEGORIES.map((c) => figure(method, budget, 'evidenceIds', c)),
          null,
        ]);
    }
    const questions = select('buildContext', budget).length;
    printTable(rows, {
      title: `\n${title}: context judged by its text, ${budget} tokens (${questions} questions, categories 1-4)`,
    });
  }
  const perConversation: Cell[][] = [
    [
      'conversation',
      'budget',
      ...METHODS.map((method) => `${method} evidence`),
      ...METHODS.map((method) => `${method} answer`),
    ],
  ];
  for (const conversation of conversations) {
    for (const budget of BUDGETS) {
      perConversation.push([
        conversation.sampleId,
        budget,
        ...METHODS.map((method) =>
          mean(select(method, budget, undefined, conversation.sampleId).map((score) => score.evidenceText)),
        ),
        ...METHODS.map((method) =>
          mean(select(method, budget, undefined, conversation.sampleId).map((score) => score.answerWords)),
        ),
      ]);
    }
  }
  printTable(perConversation, {
    title: `\n${title}, per conversation (hold one out while tuning: quote it beside the rest)`,
  });
  const latency = (budget: number) => select('buildContext', budget).map((score) => score.latencyMs);
  console.log(
    `\n${title}: buildContext latency p50/p95: ${BUDGETS.map((budget) => `${budget} tokens ${percentile(latency(budget), 50).toFixed(1)}/${percentile(latency(budget), 95).toFixed(1)} ms`).join(', ')}; ` +
      `memories shown at 1,000 tokens: ${mean(select('buildContext', 1000).map((score) => score.shown)).toFixed(1)} (${mean(select('buildContext', 1000).map((score) => score.summaries)).toFixed(1)} summaries), ` +
      `markup ${figure('buildContext', 1000, 'markupPerLine').toFixed(1)} tokens per line shown (frame, date lines, references, marks)`,
  );

  const byBudget = (method: Method, key: Exclude<Key, 'markupPerLine'>) =>
    Object.fromEntries(
      BUDGETS.map((budget) => [
        budget,
        {
          overall: figure(method, budget, key),
          ...Object.fromEntries(CATEGORIES.map((category) => [category, figure(method, budget, key, category)])),
        },
      ]),
    );
  const report = {
    questions: select('buildContext', 1000).length,
    evidenceText: Object.fromEntries(METHODS.map((method) => [method, byBudget(method, 'evidenceText')])),
    answerWords: Object.fromEntries(METHODS.map((method) => [method, byBudget(method, 'answerWords')])),
    tokens: Object.fromEntries(METHODS.map((method) => [method, byBudget(method, 'tokens')])),
    evidenceIdsNotText: {
      buildContext: byBudget('buildContext', 'evidenceIds'),
      'buildContext slept': byBudget('buildContext slept', 'evidenceIds'),
    },
    perConversation: Object.fromEntries(
      conversations.map((conversation) => [
        conversation.sampleId,
        Object.fromEntries(
          METHODS.map((method) => [
            method,
            Object.fromEntries(
              BUDGETS.map((budget) => [
                budget,
                {
                  evidenceText: mean(
                    select(method, budget, undefined, conversation.sampleId).map((score) => score.evidenceText),
                  ),
                  answerWords: mean(
                    select(method, budget, undefined, conversation.sampleId).map((score) => score.answerWords),
                  ),
                },
              ]),
            ),
          ]),
        ),
      ]),
    ),
    latencyMs: Object.fromEntries(
      BUDGETS.map((budget) => [budget, { p50: percentile(latency(budget), 50), p95: percentile(latency(budget), 95) }]),
    ),
    markupTokensPerLine: Object.fromEntries(
      BUDGETS.map((budget) => [budget, figure('buildContext', budget, 'markupPerLine')]),
    ),
  };
  const summary = {
    'evidence text @1000: buildContext': round(figure('buildContext', 1000, 'evidenceText')),
    'evidence text @1000: slept': round(figure('buildContext slept', 1000, 'evidenceText')),
    'evidence text @1000: bm25 packed': round(figure('bm25 packed', 1000, 'evidenceText')),
    'answer words @1000: buildContext': round(figure('buildContext', 1000, 'answerWords')),
    'answer words @1000: bm25 packed': round(figure('bm25 packed', 1000, 'answerWords')),
    'evidence text @500: buildContext': round(figure('buildContext', 500, 'evidenceText')),
    'evidence text @500: bm25 packed': round(figure('bm25 packed', 500, 'evidenceText')),
    'evidence text @2000: buildContext': round(figure('buildContext', 2000, 'evidenceText')),
    'evidence text @2000: bm25 packed': round(figure('bm25 packed', 2000, 'evidenceText')),
  };
  return { report, summary };
}

const reports = Object.fromEntries(
  SETS.flatMap((set) => {
    const setScores = scores.get(set.key);
    return set.conversations === null || setScores === undefined
      ? []
      : [[set.key, reportSet(set.title, set.conversations, setScores)]];
  }),
) as Partial<Record<(typeof SETS)[number]['key'], ReturnType<typeof reportSet>>>;
writeResult('locomo-context', {
  encoding: counter.encoding,
  budgets: BUDGETS,
  evidenceTextThreshold: 0.6,
  // The English (LoCoMo dev) figures stay at the top level, as earlier rounds wrote them.
  ...(reports.english?.report ?? { skipped: 'LoCoMo data absent' }),
  japanese: reports.japanese?.report,
  summary: {
    ...reports.english?.summary,
    ...Object.fromEntries(
      Object.entries(reports.japanese?.summary ?? {}).map(([name, value]) => [`ja ${name}`, value]),
    ),
  },
});

async function evaluate(conversation: LocomoConversation): Promise<Score[]> {
  const lastSession = Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime()));
  const now = new Date(lastSession + DAY_MS);
  const clock = () => now;
  const open = (name: string) => createMemory({ path: join(workDir, `${name}-${conversation.sampleId}.db`), clock });
  const memory = await open('context');
  const slept = await open('slept');
  const bm25 = await createMemory({
    ...plainBm25MemoryOptions(join(workDir, `bm25-${conversation.sampleId}.db`)),
    clock,
  });
  const textOf = new Map(conversation.turns.map((turn) => [turn.diaId, turnText(turn)]));
  try {
    const namespace = await rememberConversation(memory, conversation);
    await rememberConversation(slept, conversation);
    await slept.consolidate({ namespace });
    await rememberConversation(bm25, conversation);
    const scores: Score[] = [];
    // The first call builds the tokenizer and warms the caches; it is not a query of the benchmark.
    await memory.buildContext({ namespace, query: 'warm up', budget: { tokens: 1000 }, reinforce: false });
    for (const question of conversation.questions) {
      if (question.category > 4 || question.evidence.length === 0) continue;
      const evidenceTexts = question.evidence.flatMap((id) => textOf.get(id) ?? []);
      const judge = (
        method: Method,
        budget: number,
        text: string,
        tokens: number,
        extra: Partial<Score> = {},
      ): Score => {
        const words = contentWordSet(text);
        return {
          conversation: conversation.sampleId,
          category: question.category,
          budget,
          method,
          evidenceText: evidenceTextRecall(evidenceTexts, words),
          answerWords: wordCoverage(question.answer ?? '', words),
          tokens,
          evidenceIds: null,
          shown: 0,
          summaries: 0,
          markupPerLine: null,
          latencyMs: 0,
          ...extra,
        };
      };
      const hits = await bm25.recall({ namespace, query: question.question, limit: BASELINE_HITS, reinforce: false });
      for (const budget of BUDGETS) {
        for (const [method, target] of [
          ['buildContext', memory],
          ['buildContext slept', slept],
        ] as const) {
          const started = performance.now();
          const context = await target.buildContext({
            namespace,
            query: question.question,
            budget: { tokens: budget },
            reinforce: false,
          });
          const latencyMs = performance.now() - started;
          const shown = context.included.filter((item) => item.mode !== 'aggregate');
          const ids = await coveredDiaIds(target, namespace, context);
          scores.push(
            judge(method, budget, context.text, context.tokens, {
              evidenceIds: evidenceRecall(ids, question.evidence),
              shown: shown.length,
              summaries: shown.filter((item) => item.mode === 'summary' || item.memory.kind === 'summary').length,
              markupPerLine:
                shown.length === 0
                  ? null
                  : (context.tokens -
                      shown.reduce(
                        (sum, item) => sum + counter.count(item.compression?.summary ?? item.memory.text),
                        0,
                      )) /
                    shown.length,
              latencyMs,
            }),
          );
        }
        const packed = pack(hits, budget);
        scores.push(judge('bm25 packed', budget, packed.text, packed.tokens));
      }
    }
    return scores;
  } finally {
    await memory.close();
    await slept.close();
    await bm25.close();
  }
}

/** The dia ids a context lists (the id-based figure): a shown summary counts for every turn under it. */
async function coveredDiaIds(memory: Memory, namespace: string, context: BuildContextResult): Promise<string[]> {
  const ids: string[] = [];
  for (const item of context.included) {
    if (item.mode === 'aggregate') continue;
    if (item.memory.kind !== 'summary') {
      ids.push(String(item.memory.metadata.diaId));
      continue;
    }
    const drilled = await memory.drillDown({ namespace, id: item.memory.id });
    for (const record of drilled.raw) ids.push(String(record.metadata.diaId));
  }
  return ids;
}

/** Packs hits in rank order as bare lines into the budget, skipping those that no longer fit; counts the joined text exactly. */
function pack(hits: readonly RecallHit[], budget: number): { tokens: number; text: string } {
  let text = '';
  for (const hit of hits) {
    const next = `${text}${hit.memory.text}\n`;
    if (counter.count(next) > budget) continue;
    text = next;
  }
  return { tokens: counter.count(text), text };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
