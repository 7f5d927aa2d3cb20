import { describe, expect, it } from 'vitest';
import { FEEDBACK_DEFAULTS } from './feedback-tag.js';
import { parseFeedbackTags } from './parse-feedback-tags.js';

describe('parseFeedbackTags', () => {
  it('reads the documented grammar and removes the tags from the visible text', () => {
    const parsed = parseFeedbackTags(
      'I remember! <memory_trace id="m:7f3a9k" resonance="0.8"/>Have fun.<persona_emotion category="joy" intensity="0.7"/>',
    );
    expect(parsed.text).toBe('I remember! Have fun.');
    expect(parsed.tags).toEqual([
      { type: 'memory_trace', id: '7f3a9k', resonance: 0.8 },
      { type: 'persona_emotion', category: 'joy', intensity: 0.7 },
    ]);
    expect(parsed.dropped).toEqual([]);
    expect(parsed.adjusted).toEqual([]);
  });

  it('tolerates attribute order, quote style, spaces, case and a missing self-close', () => {
    const variants = [
      `<memory_trace resonance='0.25' id='m:abc'/>`,
      `<MEMORY_TRACE  ID = "m:abc"   Resonance = "0.25" >`,
      `<memory-trace id=m:abc resonance=.25/>`,
      `<memory_trace id=“m:abc” resonance=“25%”></memory_trace>`,
      `<memory_trace\n  id="M:abc"\n  resonance="0.25"\n/>`,
      `<memory_trace id="abc" resonance="0.25" extra="ignored"/>`,
    ];
    for (const variant of variants) {
      const parsed = parseFeedbackTags(`a${variant}b`);
      expect(parsed.text, variant).toBe('ab');
      expect(parsed.tags, variant).toEqual([{ type: 'memory_trace', id: 'abc', resonance: 0.25 }]);
    }
  });

  it('resolves the rendered m:<id> form and a bare id to the same full id', () => {
    expect(parseFeedbackTags('<memory_trace id="m:0123456789ab" resonance="1"/>').tags).toEqual([
      { type: 'memory_trace', id: '0123456789ab', resonance: 1 },
    ]);
    expect(parseFeedbackTags('<memory_trace id="0123456789ab" resonance="1"/>').tags).toEqual([
      { type: 'memory_trace', id: '0123456789ab', resonance: 1 },
    ]);
  });

  it('clamps out-of-range values and reports them', () => {
    const parsed = parseFeedbackTags('<memory_trace id="m:a" resonance="1.8"/><memory_trace id="m:b" resonance="-2"/>');
    expect(parsed.tags).toEqual([
      { type: 'memory_trace', id: 'a', resonance: 1 },
      { type: 'memory_trace', id: 'b', resonance: 0 },
    ]);
    expect(parsed.adjusted.map((entry) => [entry.attribute, entry.written, entry.used])).toEqual([
      ['resonance', '1.8', 1],
      ['resonance', '-2', 0],
    ]);
  });

  it('drops unusable tags, still hides them, and says why', () => {
    const parsed = parseFeedbackTags(
      'x<memory_trace resonance="0.5"/>y<memory_trace id="m:a" resonance="lots"/>z<persona_emotion category="schadenfreude-ish"/><memory_trace id="m:" resonance="1"/>',
    );
    expect(parsed.text).toBe('xyz');
    expect(parsed.tags).toEqual([]);
    expect(parsed.dropped.map((entry) => entry.reason)).toEqual([
      'memory_trace without an id',
      'resonance is not a number',
      'unknown emotion category "schadenfreude-ish"',
      'memory_trace with an empty id',
    ]);
  });

  it('maps emotion synonyms onto the one vocabulary and defaults a missing intensity', () => {
    const parsed = parseFeedbackTags(
      '<persona_emotion category="Happy"/><persona_emotion category="悲しみ" intensity="0.4"/>',
    );
    expect(parsed.tags).toEqual([
      { type: 'persona_emotion', category: 'joy', intensity: FEEDBACK_DEFAULTS.emotionIntensity },
      { type: 'persona_emotion', category: 'sadness', intensity: 0.4 },
    ]);
    expect(parsed.adjusted).toHaveLength(1);
    expect(parsed.adjusted[0]).toMatchObject({
      attribute: 'intensity',
      written: null,
      reason: 'missing; default used',
    });
  });

  it('leaves other markup, comparisons and near-miss names alone', () => {
    const text =
      'if a < b && c > d then <b>bold</b> <memory_tracer id="x"/> <memory trace/> < memory_trace/> <persona>';
    expect(parseFeedbackTags(text)).toEqual({ text, tags: [], dropped: [], adjusted: [] });
  });

  it('releases an unclosed or overlong tag start as text', () => {
    const unclosed = 'bye <memory_trace id="m:a" resonance="0.5"';
    expect(parseFeedbackTags(unclosed).text).toBe(unclosed);
    const overlong = `<memory_trace id="m:a" ${'x'.repeat(FEEDBACK_DEFAULTS.maxTagLength)} resonance="1"/>`;
    expect(parseFeedbackTags(overlong)).toMatchObject({ text: overlong, tags: [] });
    const interrupted = '<memory_trace id="m:a" <memory_trace id="m:b" resonance="1"/>';
    expect(parseFeedbackTags(interrupted)).toMatchObject({
      text: '<memory_trace id="m:a" ',
      tags: [{ type: 'memory_trace', id: 'b', resonance: 1 }],
    });
  });

  it('keeps at most maxTags tags and reports the rest as dropped', () => {
    const text = '<memory_trace id="m:a" resonance="1"/>'.repeat(FEEDBACK_DEFAULTS.maxTags + 3);
    const parsed = parseFeedbackTags(text);
    expect(parsed.text).toBe('');
    expect(parsed.tags).toHaveLength(FEEDBACK_DEFAULTS.maxTags);
    expect(parsed.dropped).toHaveLength(3);
  });

  it('never throws on hostile input', () => {
    for (const text of [
      '<',
      '</',
      '<memory_trace',
      '<memory_trace/>',
      '<persona_emotion>',
      '<<<>>>',
      '\ud800<memory_trace id=\ud800 resonance=1/>',
      '',
    ]) {
      expect(() => parseFeedbackTags(text)).not.toThrow();
    }
    expect(parseFeedbackTags('<memory_trace/>').dropped).toHaveLength(1);
  });

  it('never splices the text around a removed tag into a new tag (found by the fuzzer)', () => {
    for (const text of [
      '<memory_<memory_trace id=a resonance=1/>trace id=x resonance=1/>',
      '<<persona_emotion category="joy" intensity="0.4"/>MEMORY_TRACE id=x resonance=1/>',
      '<memory_trace id=x <memory_trace id=a resonance=1/>resonance=1/>',
    ]) {
      const parsed = parseFeedbackTags(text);
      expect(parsed.text).toBe('');
      expect(parseFeedbackTags(parsed.text).tags).toEqual([]);
    }
    const inner = parseFeedbackTags('<memory_<memory_trace id=a resonance=1/>trace id=x resonance=0.5/>');
    expect(inner.tags).toEqual([
      { type: 'memory_trace', id: 'a', resonance: 1 },
      { type: 'memory_trace', id: 'x', resonance: 0.5 },
    ]);
    // A `<` that starts no tag still ends the possible tag around it, which stays text.
    expect(parseFeedbackTags('<memory_trace id=x <b> resonance=1/>').text).toBe('<memory_trace id=x <b> resonance=1/>');
  });
});
