import { describe, expect, it } from 'vitest';
import { loadLocomo, normalizeEvidenceIds, parseSessionDate } from './load-locomo.js';
import { evidenceRecall, turnText } from './remember-conversation.js';
import { median, percentile } from './percentile.js';

describe('LoCoMo helpers', () => {
  it('parses session dates as UTC, with 12 am and 12 pm right', () => {
    expect(parseSessionDate('1:56 pm on 8 May, 2023').toISOString()).toBe('2023-05-08T13:56:00.000Z');
    expect(parseSessionDate('12:09 am on 13 September, 2023').toISOString()).toBe('2023-09-13T00:09:00.000Z');
    expect(parseSessionDate('12:30 pm on 1 January, 2024').toISOString()).toBe('2024-01-01T12:30:00.000Z');
    expect(() => parseSessionDate('yesterday')).toThrow(RangeError);
  });

  it('normalises malformed evidence ids', () => {
    expect(normalizeEvidenceIds(['D8:6; D9:17', 'D:11:26', 'D30:05', 'D1:3', 'D1:3'])).toEqual([
      'D8:6',
      'D9:17',
      'D11:26',
      'D30:5',
      'D1:3',
    ]);
  });

  it('stores turns speaker-attributed with the image caption', () => {
    const turn = {
      speaker: 'Ann',
      diaId: 'D1:1',
      text: 'Look!',
      blipCaption: 'a dog on a beach',
      session: 1,
      indexInSession: 0,
      sessionDate: new Date(0),
    };
    expect(turnText(turn)).toBe('Ann: Look! [shared a photo: a dog on a beach]');
    expect(turnText({ ...turn, blipCaption: null })).toBe('Ann: Look!');
  });

  it('computes evidence recall and percentiles', () => {
    expect(evidenceRecall(['D1:1', 'D2:2'], ['D1:1', 'D3:3'])).toBe(0.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 95)).toBeCloseTo(4.8);
  });

  it('loads the subset when present (skips otherwise)', () => {
    const conversations = loadLocomo();
    if (conversations === null) return;
    expect(conversations.length).toBeGreaterThan(0);
    const questions = conversations
      .flatMap((conversation) => conversation.questions)
      .filter((question) => question.category <= 4);
    const turnIds = new Set(
      conversations.flatMap((conversation) =>
        conversation.turns.map((turn) => `${conversation.sampleId}/${turn.diaId}`),
      ),
    );
    expect(questions.every((question) => question.evidence.every((id) => /^D\d+:\d+$/.test(id)))).toBe(true);
    expect(turnIds.size).toBe(conversations.reduce((sum, conversation) => sum + conversation.turns.length, 0));
  });
});
