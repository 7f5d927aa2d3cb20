import { describe, expect, it } from 'vitest';
import { stemEnglish } from './stem-english.js';

describe('stemEnglish', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalization', 'gener'],
    ['hopefulness', 'hope'],
    ['adjustment', 'adjust'],
    ['controll', 'control'],
    ['counseling', 'counsel'],
    ['counselor', 'counselor'],
    ['memories', 'memori'],
    ['running', 'run'],
    ['yesterday', 'yesterdai'],
    ['sky', 'sky'],
  ])('%s -> %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it('leaves short, non-ASCII and mixed tokens alone', () => {
    expect(stemEnglish('go')).toBe('go');
    expect(stemEnglish('café')).toBe('café');
    expect(stemEnglish('2023')).toBe('2023');
  });
});
