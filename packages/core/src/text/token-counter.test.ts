import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { createTiktokenCounter, encodingForModel } from './token-counter.js';

describe('createTiktokenCounter', () => {
  it('counts exactly as tiktoken does, English and Japanese, memoised or not', () => {
    const reference = get_encoding('o200k_base');
    const counter = createTiktokenCounter();
    for (const text of ['Caroline went to a support group yesterday.', '昨日、東京で田中さんに会いました。', 'x'.repeat(5_000)]) {
      expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
      expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
    }
    reference.free();
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
