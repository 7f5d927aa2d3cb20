import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagStripper } from './create-tag-stripper.js';
import type { FeedbackTag } from './feedback-tag.js';
import { parseFeedbackTags } from './parse-feedback-tags.js';

/** Runs text through a fresh stripper cut at the given offsets. */
function stripInChunks(text: string, cuts: readonly number[]) {
  const stripper = createTagStripper();
  const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  let visible = '';
  let previous = 0;
  for (const offset of [...offsets, text.length]) {
    visible += stripper.push(text.slice(previous, offset));
    previous = offset;
  }
  const end = stripper.end();
  return { visible: visible + end.text, end };
}

// Visible pieces that hold `<` and tag-like fragments but can never form a tag with a neighbour.
const visiblePiece = fc.constantFrom(
  'a',
  'b',
  ' ',
  '\n',
  '>',
  '<',
  '/>',
  '<<',
  'a < b',
  '<b>bold</b>',
  '<memo ',
  '<memory_trac',
  '<persona_emotio',
  '<memory_tracer/>',
  '<persona>',
  '</memory_tracex',
  `<memory_trace ${'x'.repeat(520)}>`,
  '嬉しい',
  '😀',
  '涙…',
);

interface GeneratedTag {
  source: string;
  tag: FeedbackTag | null;
}

const memoryTrace = fc
  .record({
    id: fc.stringMatching(/^[0-9a-z]{1,12}$/),
    resonance: fc.integer({ min: 0, max: 100 }),
    prefix: fc.boolean(),
    quote: fc.constantFrom('"', "'", ''),
    idFirst: fc.boolean(),
    upper: fc.boolean(),
    close: fc.constantFrom('/>', '>', ' />', '></memory_trace>'),
    space: fc.constantFrom(' ', '  ', '\n'),
  })
  .map(({ id, resonance, prefix, quote, idFirst, upper, close, space }): GeneratedTag => {
    const value = (resonance / 100).toString();
    const idAttribute = `id=${quote}${prefix ? 'm:' : ''}${id}${quote}`;
    const resonanceAttribute = `resonance=${quote}${value}${quote}`;
    const attributes = idFirst
      ? `${idAttribute}${space}${resonanceAttribute}`
      : `${resonanceAttribute}${space}${idAttribute}`;
    const name = upper ? 'MEMORY_TRACE' : 'memory_trace';
    return {
      source: `<${name}${space}${attributes}${close}`,
      tag: { type: 'memory_trace', id, resonance: resonance / 100 },
    };
  });

const personaEmotion = fc
  .record({ category: fc.constantFrom('joy', 'sadness', 'Anger', 'happy'), intensity: fc.integer({ min: 0, max: 10 }) })
  .map(({ category, intensity }): GeneratedTag => {
    const resolved = ({ joy: 'joy', sadness: 'sadness', Anger: 'anger', happy: 'joy' } as const)[category];
    return {
      source: `<persona_emotion category="${category}" intensity="${intensity / 10}"/>`,
      tag: { type: 'persona_emotion', category: resolved, intensity: intensity / 10 },
    };
  });

const brokenTag = fc.constantFrom<GeneratedTag>(
  { source: '<memory_trace id="m:x"/>', tag: null },
  { source: '<persona_emotion category="nope"/>', tag: null },
  { source: '</memory_trace>', tag: null },
  { source: '<memory_trace>', tag: null },
);

const segment = fc.oneof(
  { arbitrary: visiblePiece.map((text) => ({ visible: text, tag: null as GeneratedTag | null })), weight: 3 },
  { arbitrary: fc.oneof(memoryTrace, personaEmotion, brokenTag).map((tag) => ({ visible: '', tag })), weight: 2 },
);

const stream = fc.record({
  segments: fc.array(segment, { maxLength: 30 }),
  // An unclosed tag start at the very end is released as text.
  tail: fc.constantFrom('', '<', '<memory_trace id="m:q" resonance="0.5"', '</persona_emotion'),
  cuts: fc.array(fc.nat(), { maxLength: 40 }),
});

describe('createTagStripper', () => {
  it('never loses, leaks or reorders visible text, whatever the chunking (property, 10^4 cases)', () => {
    fc.assert(
      fc.property(stream, ({ segments, tail, cuts }) => {
        const text = segments.map((part) => part.visible || part.tag!.source).join('') + tail;
        const expectedVisible = segments.map((part) => part.visible).join('') + tail;
        const expectedTags = segments.flatMap((part) => (part.tag?.tag ? [part.tag.tag] : []));
        const { visible, end } = stripInChunks(text, cuts);
        expect(visible).toBe(expectedVisible);
        expect(end.tags).toEqual(expectedTags);
      }),
      { numRuns: 10_000 },
    );
  });

  it('gives the same result as parseFeedbackTags on the whole text for arbitrary tag-heavy strings (property, 10^4 cases)', () => {
    const fragment = fc.constantFrom(
      '<',
      '>',
      '/',
      ' ',
      '=',
      '"',
      "'",
      'm:',
      'memory_trace',
      'persona_emotion',
      'id',
      'resonance',
      'category',
      'joy',
      '0.5',
      '-',
      'x',
      '\n',
      'é',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), (fragments, cuts) => {
        const text = fragments.join('');
        const whole = parseFeedbackTags(text);
        const { visible, end } = stripInChunks(text, cuts);
        expect(visible).toBe(whole.text);
        expect(end.tags).toEqual(whole.tags);
        expect(end.dropped).toEqual(whole.dropped);
      }),
      { numRuns: 10_000 },
    );
  });

  it('holds back a tag split across chunks and emits text as soon as it is certain', () => {
    const stripper = createTagStripper();
    expect(stripper.push('Nice to see you <memo')).toBe('Nice to see you ');
    expect(stripper.push('ry_t')).toBe('');
    expect(stripper.push('race id="m:abc" reso')).toBe('');
    expect(stripper.push('nance="0.9"/> again')).toBe(' again');
    expect(stripper.push(' <b')).toBe(' <b');
    const end = stripper.end();
    expect(end.text).toBe('');
    expect(end.tags).toEqual([{ type: 'memory_trace', id: 'abc', resonance: 0.9 }]);
  });

  it('releases a held "<" at end() and starts fresh afterwards', () => {
    const stripper = createTagStripper();
    expect(stripper.push('3 <')).toBe('3 ');
    expect(stripper.end()).toEqual({ text: '<', tags: [], dropped: [], adjusted: [] });
    expect(stripper.push('<persona_emotion category="joy" intensity="1"/>ok')).toBe('ok');
    expect(stripper.end().tags).toEqual([{ type: 'persona_emotion', category: 'joy', intensity: 1 }]);
  });
});
