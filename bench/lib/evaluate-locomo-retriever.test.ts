import { describe, expect, it } from 'vitest';
import { evaluateLocomoRetriever, isRecallQuestion, summarizeLocomoScores } from './evaluate-locomo-retriever.js';
import { tinyLocomoConversation } from './locomo-fixture.js';

describe('evaluateLocomoRetriever', () => {
  it('asks each recall question once for the largest k and scores every k from that one list', async () => {
    const conversation = tinyLocomoConversation();
    const asked: { query: string; limit: number }[] = [];
    let closed = 0;
    // Always answers in the same order: the third turn only within the top 3, never in the top 1.
    const { scores } = await evaluateLocomoRetriever(
      async () => ({
        search: async (query, limit) => {
          asked.push({ query, limit });
          return ['D1:1', 'D1:2', 'D1:3'].slice(0, limit);
        },
        close: async () => {
          closed++;
        },
      }),
      [conversation],
      [1, 3],
    );
    expect(asked.map((call) => call.limit)).toEqual([3, 3, 3]);
    expect(closed).toBe(1);
    expect(scores.map((score) => score.recall)).toEqual([
      { 1: 1, 3: 1 },
      { 1: 0, 3: 1 },
      { 1: 0, 3: 1 },
    ]);

    const summary = summarizeLocomoScores(scores, [1, 3]);
    expect(summary.questions).toBe(3);
    expect(summary.recall[1]!.overall).toBeCloseTo(1 / 3);
    expect(summary.recall[1]![4]).toBe(0.5);
    expect(summary.recall[1]![2]).toBe(0);
    expect(summary.recall[3]!.overall).toBe(1);
    expect(Number.isNaN(summary.recall[3]![1])).toBe(true);
  });

  it('skips adversarial questions and questions without evidence', () => {
    const [, , , adversarial] = tinyLocomoConversation().questions;
    expect(isRecallQuestion(adversarial!)).toBe(false);
    expect(isRecallQuestion({ question: 'q', answer: null, evidence: [], category: 1 })).toBe(false);
  });
});
