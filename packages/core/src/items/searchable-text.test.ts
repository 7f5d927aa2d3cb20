import { describe, expect, it } from 'vitest';
import { searchableText } from './searchable-text.js';

describe('searchableText', () => {
  const value = { title: 'Tea', rating: 5, profile: { name: 'Alice', city: 'Kyoto' }, notes: ['jasmine', 'oolong'] };

  it('takes every string of the value, nested ones included, one per line', () => {
    expect(searchableText(value)).toBe('Tea\nAlice\nKyoto\njasmine\noolong');
  });

  it('takes only the strings under the dotted field paths given, in their order', () => {
    expect(searchableText(value, ['profile.city', 'title'])).toBe('Kyoto\nTea');
    expect(searchableText(value, ['profile'])).toBe('Alice\nKyoto');
    expect(searchableText(value, ['missing.path', 'notes'])).toBe('jasmine\noolong');
  });

  it('falls back to the JSON when the fields hold no text', () => {
    expect(searchableText({ rating: 5 })).toBe('{"rating":5}');
    expect(searchableText(value, ['rating'])).toBe(JSON.stringify(value));
    expect(searchableText({ blank: '  ' })).toBe('{"blank":"  "}');
  });
});
