import { describe, expect, it } from 'vitest';
import { extractKeyTerms } from './key-terms.js';

describe('extractKeyTerms', () => {
  it('does not take chat role labels for names, in English or Japanese', () => {
    expect(extractKeyTerms('User: I hiked with Hana. Assistant: That was lovely!').names).toEqual(['Hana']);
    expect(extractKeyTerms('ユーザー：昨日は田中さんと京都へ行った。アシスタント：いいですね。').names).toEqual([
      '田中',
    ]);
    expect(extractKeyTerms('I asked the Assistant team about it.').names).toContain('Assistant');
  });

  it('finds names, numbers and dates in English', () => {
    const terms = extractKeyTerms(
      'Caroline: I ran 5.5 km with Dr. Smith on 8 May 2023 and we met again last week at 10:30. Great day.',
    );
    expect(terms.names).toEqual(expect.arrayContaining(['Caroline', 'Smith']));
    expect(terms.names).not.toContain('Great');
    expect(terms.names).not.toContain('Dr');
    expect(terms.numbers).toEqual(['5.5', '10:30']);
    expect(terms.dates).toEqual(['8 May 2023', 'last week']);
    expect(terms.terms).toContain('smith');
  });

  it('finds katakana words, honorific names, numbers and dates in Japanese', () => {
    const terms = extractKeyTerms('田中さんと5月3日に東京でラーメンを食べました。先週は１２人でカラオケに行った。');
    expect(terms.names).toEqual(expect.arrayContaining(['田中', 'ラーメン', 'カラオケ']));
    expect(terms.dates).toEqual(expect.arrayContaining(['5月3日', '先週']));
    expect(terms.numbers).toEqual(['12']);
    expect(terms.terms).toContain('東京');
    expect(terms.terms.some((term) => /\p{Script=Hiragana}/u.test(term))).toBe(false);
  });
});
