import { describe, expect, it } from 'vitest';
import { countNoun, MEMORY_NOUN } from './count-noun.js';

describe('countNoun', () => {
  it('puts the noun in the number its count asks for', () => {
    expect(countNoun(1, MEMORY_NOUN)).toBe('1 memory');
    expect(countNoun(0, MEMORY_NOUN)).toBe('0 memories');
    expect(countNoun(2, MEMORY_NOUN)).toBe('2 memories');
    expect(countNoun(21, { one: 'tag', other: 'tags' })).toBe('21 tags');
  });
});
