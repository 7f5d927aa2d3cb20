import { describe, expect, it } from 'vitest';
import { retentionScore } from './retention-score.js';

const original = 'Caroline: I went to the LGBTQ support group on 8 May 2023 with 3 friends. The weather was nice.';

describe('retentionScore', () => {
  it('is 1 for the original itself and lower for a summary that loses names, numbers and dates', () => {
    expect(retentionScore({ original, summary: original }).score).toBe(1);
    const lossy = retentionScore({ original, summary: 'Someone went somewhere.' });
    expect(lossy.score).toBeLessThan(0.3);
    expect(lossy.missing).toEqual(expect.arrayContaining(['Caroline', '8 May 2023', '3']));
  });

  it('ranks a summary that keeps the key facts above one that keeps the small talk', () => {
    const faithful = retentionScore({
      original,
      summary: 'Caroline went to the LGBTQ support group on 8 May 2023 with 3 friends.',
    });
    const smallTalk = retentionScore({ original, summary: 'The weather was nice.' });
    expect(faithful.score).toBeGreaterThan(0.8);
    expect(faithful.score).toBeGreaterThan(smallTalk.score);
  });

  it('works on Japanese', () => {
    const japanese = '田中さんと5月3日に東京でラーメンを食べました。天気は良かった。';
    expect(
      retentionScore({ original: japanese, summary: '田中さんと5月3日に東京でラーメンを食べた。' }).score,
    ).toBeGreaterThan(retentionScore({ original: japanese, summary: '天気は良かった。' }).score);
  });

  it('is 1 when the original has no key terms at all', () => {
    expect(retentionScore({ original: 'ok', summary: '' })).toEqual({ score: 1, keyTerms: 0, missing: [] });
  });
});
