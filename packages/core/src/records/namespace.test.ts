import { describe, expect, it } from 'vitest';
import { formatNamespace, isValidNamespace, isWithinNamespace } from './namespace.js';

describe('isWithinNamespace', () => {
  it('holds for the scope itself and what lies below it, never for a sibling sharing a prefix', () => {
    expect(isWithinNamespace('user:alice', 'user:alice')).toBe(true);
    expect(isWithinNamespace('user:alice/agent:mika', 'user:alice')).toBe(true);
    expect(isWithinNamespace('user:alicia', 'user:alice')).toBe(false);
    expect(isWithinNamespace('user:alice', 'user:alice/agent:mika')).toBe(false);
    expect(isWithinNamespace('user:bob/user:alice', 'user:alice')).toBe(false);
  });

  it('keeps an encoded slash inside its segment', () => {
    const scope = formatNamespace({ user: 'a/b' });
    expect(scope).toBe('user:a%2Fb');
    expect(isWithinNamespace(formatNamespace({ user: 'a' }), scope)).toBe(false);
  });
});

describe('isValidNamespace', () => {
  it('accepts what core calls accept and nothing else', () => {
    expect(isValidNamespace('user:alice/agent:mika')).toBe(true);
    expect(isValidNamespace('ユーザー:花子')).toBe(true);
    for (const bad of ['', '   ', 'a\nb', 'x'.repeat(257), '\ud800', 42, undefined])
      expect(isValidNamespace(bad)).toBe(false);
  });
});
