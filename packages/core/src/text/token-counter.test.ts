import fc from 'fast-check';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { createTiktokenCounter, encodingForModel } from './token-counter.js';

describe('createTiktokenCounter', () => {
  it('counts exactly as tiktoken does, English and Japanese, memoised or not', () => {
    const reference = get_encoding('o200k_base');
    const counter = createTiktokenCounter();
    for (const text of [
      'Caroline went to a support group yesterday.',
      '昨日、東京で田中さんに会いました。',
      'x'.repeat(5_000),
    ]) {
      expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
      expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
    }
    reference.free();
  });

  it('counts multi-line text line by line exactly as tiktoken counts it whole (o200k and cl100k)', () => {
    // Characters around line ends that tiktoken's patterns treat specially: spaces, tabs, CR, '/',
    // punctuation, contractions, digits, Japanese, emoji, the ideographic space.
    const pieces = [
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\n\n',
      '/',
      '.',
      '-',
      '...',
      "'s",
      "'",
      'm',
      'M',
      'A',
      'ab',
      '12',
      '1234',
      '日本',
      '、',
      '😀',
      '\u3000',
      '<',
      '>',
      ':',
      '~',
      '[m:01J]',
    ];
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const reference = get_encoding(encoding);
      const counter = createTiktokenCounter({ model: encoding });
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
          const text = parts.join('');
          expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
        }),
        { numRuns: 3_000 },
      );
      reference.free();
    }
  });

  it('counts special-token markers in stored text as ordinary text instead of throwing', () => {
    const counter = createTiktokenCounter();
    expect(counter.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('picks the encoding from a model or encoding name and falls back to o200k_base', () => {
    expect(encodingForModel(undefined)).toBe('o200k_base');
    expect(encodingForModel('gpt-4')).toBe('cl100k_base');
    expect(encodingForModel('gpt-4o')).toBe('o200k_base');
    expect(encodingForModel('cl100k_base')).toBe('cl100k_base');
    expect(encodingForModel('some-local-model')).toBe('o200k_base');
    expect(createTiktokenCounter({ model: 'gpt-4' }).encoding).toBe('cl100k_base');
  });

  it('gives different counts for different encodings where they differ', () => {
    const text = 'こんにちは、今日はとても良い天気ですね。明日も晴れるでしょうか。';
    expect(createTiktokenCounter({ model: 'cl100k_base' }).count(text)).not.toBe(createTiktokenCounter().count(text));
  });
});
