import { describe, expect, it } from 'vitest';
import { entityKey, extractEntities, MAX_MENTIONS_PER_MEMORY } from './extract-entities.js';

const names = (text: string, confidence: 'certain' | 'possible' = 'certain') =>
  extractEntities(text)
    .filter((mention) => mention.confidence === confidence)
    .map((mention) => mention.name);

describe('extractEntities', () => {
  it('takes [[wiki links]] as certain, with an optional label', () => {
    expect(names('talked with [[Dr. Kim|the doctor]] and [[Mika]] again')).toEqual(['Dr. Kim', 'Mika']);
  });

  it('finds capitalised names in English but not sentence openers or pronouns', () => {
    expect(names('Hey Melanie! I went to the Bank of America with Matt Patterson. Thanks, Caroline!')).toEqual([
      'Melanie',
      'Bank of America',
      'Matt Patterson',
      'Caroline',
    ]);
    expect(names('Yeah, I think so. Wow. It was great. Last Friday I was tired.')).toEqual([]);
  });

  it('keeps a lone capitalised sentence opener only as possible', () => {
    expect(names('Melanie went swimming.', 'possible')).toEqual(['Melanie']);
    expect(names('Melanie went swimming.')).toEqual([]);
  });

  it('offers the rest of a run opening a sentence as an alternative ("Took Miso" may mean Miso)', () => {
    expect(extractEntities('Took Miso to the vet.')).toEqual([
      {
        name: 'Took Miso',
        key: 'took miso',
        confidence: 'certain',
        tail: { name: 'Miso', key: 'miso', confidence: 'possible' },
      },
    ]);
  });

  it('reads speaker labels and quoted titles', () => {
    expect(names('Caroline: I loved "Becoming Nicole" and "Charlotte\'s Web".')).toEqual([
      'Caroline',
      'Becoming Nicole',
      "Charlotte's Web",
    ]);
  });

  it('finds katakana words, kanji names before honorifics and kanji place names in Japanese', () => {
    expect(names('田中さんとカロライン・スミスが横浜駅でコーヒーを飲んだ。')).toEqual([
      '田中',
      '横浜駅',
      'カロライン・スミス',
      'コーヒー',
    ]);
    expect(names('「君の名は」を山田先生と見た。')).toEqual(['君の名は', '山田']);
    expect(names('今日はとても楽しかった。')).toEqual([]);
  });

  it('deduplicates by key and caps the number of mentions', () => {
    expect(
      extractEntities("Ana met Bo. Bo's dog likes Ana's cat, said [[ana]].").map((mention) => mention.key),
    ).toEqual(['ana', 'bo']);
    const many = Array.from({ length: 40 }, (_, index) => `[[Person${index}]]`).join(' ');
    expect(extractEntities(many)).toHaveLength(MAX_MENTIONS_PER_MEMORY);
  });

  it('normalises keys: case, width, spacing and possessives', () => {
    expect(entityKey("  Melanie's ")).toBe('melanie');
    expect(entityKey('ＭＡＴＴ   Patterson')).toBe('matt patterson');
  });
});
