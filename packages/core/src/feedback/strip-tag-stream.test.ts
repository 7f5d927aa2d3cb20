import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { FeedbackParse } from './feedback-tag.js';
import { parseFeedbackTags } from './parse-feedback-tags.js';
import { stripTagStream } from './strip-tag-stream.js';

async function* streamOf(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

async function run(chunks: readonly string[]): Promise<{ yielded: string[]; ended: FeedbackParse[] }> {
  const ended: FeedbackParse[] = [];
  const yielded: string[] = [];
  for await (const text of stripTagStream({ chunks: streamOf(chunks), onEnd: (result) => ended.push(result) }))
    yielded.push(text);
  return { yielded, ended };
}

describe('stripTagStream', () => {
  const output =
    'Miso<memory_trace id="m:abc" resonance="0.8"/> again <3 <persona_emotion category="joy" intensity="0.8"/>bye';

  it('yields only visible text, piece by piece, and reports the whole result once at the end', async () => {
    const { yielded, ended } = await run([...output]);
    expect(yielded.join('')).toBe('Miso again <3 bye');
    expect(yielded.length).toBeGreaterThan(5);
    expect(yielded.every((text) => text.length > 0 && !/memory_trace|persona_emotion/.test(text))).toBe(true);
    expect(ended).toEqual([parseFeedbackTags(output)]);
  });

  it('releases a held-back "<" that was not a tag when the stream ends', async () => {
    const { yielded, ended } = await run(['see you <', 'memory']);
    expect(yielded.join('')).toBe('see you <memory');
    expect(ended[0]).toMatchObject({ text: 'see you <memory', tags: [] });
  });

  it('ends with the same result as parseFeedbackTags whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: output.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...new Set(cuts)].sort((a, b) => a - b);
        const chunks = points.map((start, index) => output.slice(start, points[index + 1]));
        const { yielded, ended } = await run(chunks);
        expect(ended).toEqual([parseFeedbackTags(output)]);
        expect(yielded.join('')).toBe(ended[0]!.text);
      }),
    );
  });

  it('refuses options that are not a stream and a callback with a typed error', async () => {
    const bad = [
      { chunks: ['not', 'async'], onEnd: () => {} },
      { chunks: streamOf(['x']), onEnd: 'nope' },
    ] as unknown as Parameters<typeof stripTagStream>[0][];
    for (const options of bad) await expect(stripTagStream(options).next()).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('reports nothing when the stream is abandoned', async () => {
    const ended: FeedbackParse[] = [];
    for await (const text of stripTagStream({
      chunks: streamOf(['one ', 'two']),
      onEnd: (result) => ended.push(result),
    })) {
      expect(text).toBe('one ');
      break;
    }
    expect(ended).toEqual([]);
  });
});
