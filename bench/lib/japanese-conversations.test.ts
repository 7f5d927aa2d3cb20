import { describe, expect, it } from 'vitest';
import { contentWordSet, wordCoverage } from './content-words.js';
import { JAPANESE_CONVERSATIONS } from './japanese-conversations.js';

describe('the Japanese conversation set', () => {
  it('has LoCoMo-shaped turns with unique dia ids in session order', () => {
    expect(JAPANESE_CONVERSATIONS).toHaveLength(2);
    for (const conversation of JAPANESE_CONVERSATIONS) {
      const ids = conversation.turns.map((turn) => turn.diaId);
      expect(new Set(ids).size).toBe(ids.length);
      const times = conversation.turns.map((turn) => turn.sessionDate.getTime());
      expect(times.every((time, index) => !Number.isNaN(time) && (index === 0 || time >= times[index - 1]!))).toBe(
        true,
      );
      expect(conversation.turns.every((turn) => conversation.speakers.includes(turn.speaker))).toBe(true);
    }
  });

  it('asks questions whose evidence exists and whose answer words mostly stand in that evidence', () => {
    for (const conversation of JAPANESE_CONVERSATIONS) {
      const textOf = new Map(conversation.turns.map((turn) => [turn.diaId, turn.text]));
      for (const question of conversation.questions) {
        expect(question.category).toBeGreaterThanOrEqual(1);
        expect(question.category).toBeLessThanOrEqual(4);
        expect(question.evidence.length).toBeGreaterThan(0);
        const evidence = question.evidence.map((id) => textOf.get(id));
        expect(
          evidence.every((text) => text !== undefined),
          `${conversation.sampleId}: ${question.question}`,
        ).toBe(true);
        // The answer is judged by its content words in the block: the evidence must hold them.
        expect(
          wordCoverage(question.answer ?? '', contentWordSet(evidence.join('\n'))),
          question.question,
        ).toBeGreaterThanOrEqual(0.5);
      }
    }
  });
});
