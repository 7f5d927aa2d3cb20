import { describe, expect, it } from 'vitest';
import { contentWords, contentWordSet, evidenceTextRecall, wordCoverage } from './content-words.js';

describe('content words (the text-level measure of a memory block)', () => {
  it('keeps English words of three letters or more outside the stop words, lower-cased, once', () => {
    expect(contentWords("Caroline: I'm researching adoption agencies, and it's been a dream! Adoption.")).toEqual([
      'caroline',
      'researching',
      'adoption',
      'agencies',
      'dream',
    ]);
  });

  it('keeps Japanese words with kanji or katakana and kana words of three or more, without particles', () => {
    const words = contentWords('昨日、田中さんと東京でラーメンを食べました。');
    expect(words).toEqual(expect.arrayContaining(['東京', 'ラーメン', '田中']));
    expect(words).not.toContain('と');
    expect(words).not.toContain('で');
  });

  it('counts an evidence turn only when 60 % of its content words are in the block', () => {
    const block = contentWordSet('8 May 2023:\nm:ab12 Caroline: researching adoption agencies');
    expect(wordCoverage('Caroline: Researching adoption agencies — a dream', block)).toBeCloseTo(0.8);
    expect(
      evidenceTextRecall(
        ['Caroline: Researching adoption agencies — a dream', 'Melanie: pottery class on Sunday with kids'],
        block,
      ),
    ).toBe(0.5);
    expect(evidenceTextRecall([], block)).toBe(1);
  });
});
