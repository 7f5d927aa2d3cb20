import { describe, expect, it } from 'vitest';
import { expandQueryTerms } from './expand-query-terms.js';
import { tokenizeForSearch } from './tokenize-for-search.js';

describe('expandQueryTerms', () => {
  it('keeps the query terms at their counts and adds category members at the expansion weight', () => {
    const expanded = expandQueryTerms(tokenizeForSearch('Which sports does she play, sports?'), 0.4);
    expect(expanded.get('sport')).toBe(2);
    expect(expanded.get('plai')).toBe(1);
    expect(expanded.get('tenni')).toBe(0.4);
    expect(expanded.get('kickbox')).toBe(0.4);
  });

  it('matches a two-word category before its single words', () => {
    const expanded = expandQueryTerms(tokenizeForSearch('What martial arts has he done?'), 0.4);
    expect(expanded.get('taekwondo')).toBe(0.4);
    // "arts" alone would have brought painting and pottery.
    expect(expanded.has('potteri')).toBe(false);
  });

  it('adds synonyms both ways, and nothing when the weight is 0', () => {
    expect(expandQueryTerms(tokenizeForSearch('automobile'), 0.5).get('car')).toBe(0.5);
    expect(expandQueryTerms(tokenizeForSearch('car'), 0.5).get('automobil')).toBe(0.5);
    expect([...expandQueryTerms(tokenizeForSearch('which sports'), 0).keys()]).toEqual(['sport']);
  });

  it('crosses between English and Japanese for everyday words', () => {
    expect(expandQueryTerms(tokenizeForSearch('How was the exam?')).has('試験')).toBe(true);
    const japanese = expandQueryTerms(tokenizeForSearch('看護師の仕事はどう？'));
    expect(japanese.has(tokenizeForSearch('nurse')[0]!)).toBe(true);
    expect(japanese.has(tokenizeForSearch('work')[0]!)).toBe(true);
  });

  it('expands Japanese synonyms', () => {
    expect(expandQueryTerms(tokenizeForSearch('旅行'), 0.4).get('旅')).toBe(0.4);
  });
});
