import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinNamespacePath, matchesNamespacePath, splitNamespacePath } from './namespace-path.js';

describe('namespace paths', () => {
  it('joins labels under a prefix, percent-encoding what would split them', () => {
    expect(joinNamespacePath(['users', 'alice'], 'langgraph')).toBe('langgraph/users/alice');
    expect(joinNamespacePath(['users', 'alice'], '')).toBe('users/alice');
    expect(joinNamespacePath(['a/b%c'], 'p')).toBe('p/a%2Fb%25c');
    expect(splitNamespacePath('p/a%2Fb%25c', 'p')).toEqual(['a/b%c']);
    expect(splitNamespacePath('user:alice', '')).toEqual(['user:alice']);
  });

  it('splits back exactly what it joined, and nothing outside the prefix', () => {
    const label = fc.string({ unit: fc.constantFrom('a', '/', '%', '2', 'F', '5', 'é') });
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', 'langgraph', 'app'),
        (labels, prefix) => {
          expect(splitNamespacePath(joinNamespacePath(labels, prefix), prefix)).toEqual(labels);
          expect(splitNamespacePath(joinNamespacePath(labels, 'other'), 'langgraph')).toBeNull();
        },
      ),
    );
    expect(splitNamespacePath('langgraphs/x', 'langgraph')).toBeNull();
  });

  it('matches prefix and suffix conditions, with * for any label', () => {
    const labels = ['users', 'bob', 'prefs'];
    expect(matchesNamespacePath(labels, { matchType: 'prefix', path: ['users', 'bob'] })).toBe(true);
    expect(matchesNamespacePath(labels, { matchType: 'prefix', path: ['users', '*', 'prefs'] })).toBe(true);
    expect(matchesNamespacePath(labels, { matchType: 'prefix', path: ['bob'] })).toBe(false);
    expect(matchesNamespacePath(labels, { matchType: 'suffix', path: ['prefs'] })).toBe(true);
    expect(matchesNamespacePath(labels, { matchType: 'suffix', path: ['bob'] })).toBe(false);
    expect(matchesNamespacePath(labels, { matchType: 'prefix', path: [] })).toBe(true);
    expect(matchesNamespacePath(['users'], { matchType: 'prefix', path: ['users', 'bob'] })).toBe(false);
  });
});
