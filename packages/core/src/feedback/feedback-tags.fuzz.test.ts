// Fuzzing of the feedback tag grammar: the parser, the chunked stripper and the async stream.
//   pnpm test:fuzz        100,000 generated inputs per property (RESONANT_FUZZ_RUNS)
// Inside `pnpm test` each property runs 2,000 inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagStripper } from './create-tag-stripper.js';
import type { FeedbackParse } from './feedback-tag.js';
import { parseFeedbackTags } from './parse-feedback-tags.js';
import { stripTagStream } from './strip-tag-stream.js';

const RUNS = Number(process.env.RESONANT_FUZZ_RUNS ?? 2_000);
const SEED = process.env.RESONANT_FUZZ_SEED === undefined ? undefined : Number(process.env.RESONANT_FUZZ_SEED);

// Pieces that model output and attackers use near tags: grammar fragments, near-misses, valid tags,
// lone surrogates, NUL, bidi overrides, zero-width characters, fullwidth brackets.
const fragment = fc.constantFrom(
  '<',
  '>',
  '/',
  '</',
  '/>',
  ' ',
  '\n',
  '=',
  '"',
  "'",
  '“',
  '”',
  'm:',
  'memory_trace',
  'memory-trace',
  'MEMORY_TRACE',
  'persona_emotion',
  'memory_',
  '_trace',
  ' id=',
  ' resonance=',
  ' category=',
  ' intensity=',
  'abc',
  '0.7',
  '1e3',
  'NaN',
  '-1',
  'joy',
  '<memory_trace id="m:x1" resonance="0.8"/>',
  '<persona_emotion category="joy" intensity="0.4"/>',
  '</memory_trace>',
  '\uD800',
  '\uDC00',
  '\u0000',
  '\u202E',
  '\u2066',
  '\u200B',
  '\uFEFF',
  '＜',
  '＞',
  '﹤',
  '嬉しい',
  '😀',
);
/** Tag-heavy text: the interesting region of the input space. */
const tagHeavy = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));
/** Any UTF-16 string, lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const modelOutput = fc.oneof({ arbitrary: tagHeavy, weight: 3 }, { arbitrary: anyText, weight: 1 });
/** Cut offsets; they may split a surrogate pair or a tag anywhere. */
const cuts = fc.array(fc.nat(), { maxLength: 30 });

function chunksOf(text: string, offsets: readonly number[]): string[] {
  const sorted = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const offset of [...sorted, text.length]) {
    chunks.push(text.slice(previous, offset));
    previous = offset;
  }
  return chunks;
}

function stripChunks(chunks: readonly string[]): FeedbackParse {
  const stripper = createTagStripper();
  let visible = '';
  for (const chunk of chunks) visible += stripper.push(chunk);
  const end = stripper.end();
  return { ...end, text: visible + end.text };
}

const parameters = { numRuns: RUNS, seed: SEED };

describe(`feedback tags under fuzzing (${RUNS} inputs per property)`, () => {
  it('parse never throws, and its visible text holds no tag the parser would accept', () => {
    fc.assert(
      fc.property(modelOutput, (text) => {
        const parsed = parseFeedbackTags(text);
        // Parsing the visible text again finds nothing and removes nothing: no tag survives, and
        // removing one tag can never splice its neighbours into a new one.
        const again = parseFeedbackTags(parsed.text);
        expect(again.tags).toEqual([]);
        expect(again.text).toBe(parsed.text);
      }),
      parameters,
    );
  });

  it('the stripper gives the same text, tags and reports whatever the chunking', () => {
    fc.assert(
      fc.property(modelOutput, cuts, (text, offsets) => {
        expect(stripChunks(chunksOf(text, offsets))).toEqual(parseFeedbackTags(text));
      }),
      parameters,
    );
  });

  it('the stripper takes one character at a time like one whole chunk', () => {
    fc.assert(
      fc.property(tagHeavy, (text) => {
        expect(stripChunks(text.split(''))).toEqual(parseFeedbackTags(text));
      }),
      { ...parameters, numRuns: Math.max(100, Math.floor(RUNS / 10)) },
    );
  });

  it('the async stream yields no empty piece and ends with what the parser finds', async () => {
    await fc.assert(
      fc.asyncProperty(modelOutput, cuts, async (text, offsets) => {
        let ended: FeedbackParse | null = null;
        const pieces: string[] = [];
        const source = (async function* () {
          yield* chunksOf(text, offsets);
        })();
        for await (const piece of stripTagStream({ chunks: source, onEnd: (result) => (ended = result) }))
          pieces.push(piece);
        const whole = parseFeedbackTags(text);
        expect(pieces.every((piece) => piece.length > 0)).toBe(true);
        expect(pieces.join('')).toBe(whole.text);
        expect(ended).toEqual(whole);
      }),
      { ...parameters, numRuns: Math.max(100, Math.floor(RUNS / 10)) },
    );
  });
});
