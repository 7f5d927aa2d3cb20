import type { LocomoConversation, LocomoQuestion } from './load-locomo.js';
import { mean, percentile } from './percentile.js';
import { evidenceRecall } from './remember-conversation.js';

/** One system under test, holding one conversation's turns (one item per turn). */
export interface LocomoRetriever {
  /** The dia ids of the best `limit` turns for the query, best first. */
  search(query: string, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Stores every turn of a conversation in a fresh instance of a system and returns it ready to search. */
export type OpenLocomoRetriever = (conversation: LocomoConversation) => Promise<LocomoRetriever>;

/** The score of one question at each cut-off. */
export interface LocomoQuestionScore {
  sampleId: string;
  category: number;
  /** Evidence recall at each k of the evaluation (`recall[5]`, `recall[10]`). */
  recall: Record<number, number>;
  /** Milliseconds the search took. */
  latencyMs: number;
}

/** What one system scored on all conversations, with the time spent storing them. */
export interface LocomoEvaluation {
  scores: LocomoQuestionScore[];
  ingestMs: number;
}

/** The questions recall is measured on: categories 1-4 with at least one evidence turn (5 has none). */
export function isRecallQuestion(question: LocomoQuestion): boolean {
  return question.category <= 4 && question.evidence.length > 0;
}

/**
 * Opens the system on each conversation, asks every recall question once for the largest k, and
 * scores the prefix of each smaller k from the same ranked list (top-5 of a top-10 is the top-5).
 */
export async function evaluateLocomoRetriever(
  open: OpenLocomoRetriever,
  conversations: readonly LocomoConversation[],
  ks: readonly number[],
): Promise<LocomoEvaluation> {
  const limit = Math.max(...ks);
  const scores: LocomoQuestionScore[] = [];
  let ingestMs = 0;
  for (const conversation of conversations) {
    const ingestStarted = performance.now();
    const retriever = await open(conversation);
    ingestMs += performance.now() - ingestStarted;
    try {
      for (const question of conversation.questions.filter(isRecallQuestion)) {
        const started = performance.now();
        const retrieved = await retriever.search(question.question, limit);
        const latencyMs = performance.now() - started;
        const recall: Record<number, number> = {};
        for (const k of ks) recall[k] = evidenceRecall(retrieved.slice(0, k), question.evidence);
        scores.push({ sampleId: conversation.sampleId, category: question.category, recall, latencyMs });
      }
    } finally {
      await retriever.close();
    }
  }
  return { scores, ingestMs };
}

/** Recall at each k overall and per category, and search latency, over a set of question scores. */
export interface LocomoSummary {
  questions: number;
  /** `recall[10].overall`, `recall[10]["1"]` (multi-hop) ... */
  recall: Record<number, Record<string, number>>;
  latencyMs: { p50: number; p95: number };
}

/** Summarises question scores (for example all of them, or one held-out conversation's). */
export function summarizeLocomoScores(scores: readonly LocomoQuestionScore[], ks: readonly number[]): LocomoSummary {
  const recall: Record<number, Record<string, number>> = {};
  for (const k of ks) {
    const byCategory: Record<string, number> = { overall: mean(scores.map((score) => score.recall[k]!)) };
    for (const category of [1, 2, 3, 4])
      byCategory[category] = mean(
        scores.filter((score) => score.category === category).map((score) => score.recall[k]!),
      );
    recall[k] = byCategory;
  }
  const latencies = scores.map((score) => score.latencyMs);
  return {
    questions: scores.length,
    recall,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  };
}
