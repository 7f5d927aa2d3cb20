import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from './split-sentences.js';

describe('splitSentences', () => {
  it('splits English sentences and keeps abbreviations attached', () => {
    expect(splitSentences('Mr. Smith went to Washington. He saw 3.5 dogs! Did he? Yes.')).toEqual([
      'Mr. Smith went to Washington.',
      'He saw 3.5 dogs!',
      'Did he?',
      'Yes.',
    ]);
  });

  it('splits Japanese sentences on 。！？', () => {
    expect(splitSentences('昨日、東京で田中さんに会いました。とても楽しかった！来週また会う予定です。')).toEqual([
      '昨日、東京で田中さんに会いました。',
      'とても楽しかった！',
      '来週また会う予定です。',
    ]);
  });
});

describe('splitClauses', () => {
  it('keeps a speaker label with the clause it introduces', () => {
    expect(splitClauses('Assistant: Thanks for telling me, it sounds fun.')).toEqual([
      'Assistant: Thanks for telling me,',
      'it sounds fun.',
    ]);
    expect(splitClauses('田中：いいですね、また行こう。')).toEqual(['田中：いいですね、', 'また行こう。']);
  });

  it('splits after commas and 、 but not inside times or decimals', () => {
    expect(splitClauses('We met at 10:30, had 2.5 pizzas, and left.')).toEqual([
      'We met at 10:30,',
      'had 2.5 pizzas,',
      'and left.',
    ]);
    expect(splitClauses('昨日、東京で会いました。')).toEqual(['昨日、', '東京で会いました。']);
  });
});
