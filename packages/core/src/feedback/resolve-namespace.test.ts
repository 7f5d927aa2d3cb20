import { describe, expect, it } from 'vitest';
import { ResonantError } from '../errors/resonant-error.js';
import { resolveNamespace } from './resolve-namespace.js';

describe('resolveNamespace', () => {
  it('names one namespace for every call, or asks the function given', () => {
    expect(resolveNamespace<{ user: string }>('user:ana', 'options')({ user: 'bob' })).toBe('user:ana');
    expect(resolveNamespace((call: { user: string }) => `user:${call.user}`, 'options')({ user: 'bob' })).toBe(
      'user:bob',
    );
  });

  it('rejects a missing namespace, or one no core call would take, with a typed error naming the options', () => {
    for (const bad of ['', '   ', undefined, 42, 'x'.repeat(300), 'user:ana\nagent:mika']) {
      let caught: unknown;
      try {
        resolveNamespace(bad as unknown as string, 'resonantMiddleware options');
      } catch (error) {
        caught = error;
      }
      expect(ResonantError.isInstance(caught) && caught.code).toBe('invalid_input');
      expect((caught as Error).message).toContain('Invalid resonantMiddleware options: namespace');
    }
  });
});
