import { describe, expect, it } from 'vitest';
import { tokenizeForSearch } from './tokenize-for-search.js';

describe('tokenizeForSearch', () => {
  it('drops English stopwords, folds case, stems and joins irregular forms', () => {
    expect(tokenizeForSearch('Caroline WENT to the LGBTQ support groups!')).toEqual([
      'carolin',
      'go',
      'lgbtq',
      'support',
      'group',
    ]);
    expect(tokenizeForSearch("Melanie's kids were painting")).toEqual(['melani', 'kid', 'paint']);
  });

  it('indexes Japanese as bigrams so two-character words match', () => {
    const terms = tokenizeForSearch('東京に行きました');
    expect(terms).toContain('東京');
    expect(tokenizeForSearch('東京')).toEqual(['東京']);
  });

  it('keeps single kanji, drops single particles, splits mixed scripts', () => {
    expect(tokenizeForSearch('猫')).toEqual(['猫']);
    expect(tokenizeForSearch('の')).toEqual([]);
    expect(tokenizeForSearch('LGBTQのグループ')).toEqual(['lgbtq', 'のグ', 'グル', 'ルー', 'ープ']);
  });

  it('gives a lone kanji before its okurigana as a stem, so inflected forms meet', () => {
    expect(tokenizeForSearch('寒い')).toEqual(['寒い', '寒']);
    expect(tokenizeForSearch('寒さ')).toEqual(['寒さ', '寒']);
    expect(tokenizeForSearch('由紀は寒さが得意')).toContain('寒');
    // Inside a kanji compound the bigrams already carry the word: no single kanji is added.
    expect(tokenizeForSearch('東京に行きました')).not.toContain('京');
    expect(tokenizeForSearch('東京に行きました')).toContain('行');
  });

  it('folds full-width characters and keeps numbers', () => {
    expect(tokenizeForSearch('ＡＢＣ 2023年')).toEqual(['abc', '2023', '年']);
  });

  it('adds the joined form of a hyphenated word after its parts', () => {
    expect(tokenizeForSearch('I run to de-stress')).toEqual(['run', 'de', 'stress', 'destress']);
    expect(tokenizeForSearch('a well-to-do family')).toEqual(['well', 'welltodo', 'famili']);
    expect(tokenizeForSearch('on 2023-05-08')).toEqual(['2023', '05', '08']);
    expect(tokenizeForSearch('rock - paper')).toEqual(['rock', 'paper']);
  });
});
