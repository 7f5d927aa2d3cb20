import fc from 'fast-check';
import { InvalidInputError, ResonantError, type Memory } from '@resonant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryServer } from '../src/index.js';
import { closeConnections, connect, openTestMemory, textOf } from './connect-client.js';

afterEach(closeConnections);

describe('errors reach the client as tool errors', () => {
  it('carries the ResonantError code of input that passes the schema but not core validation', async () => {
    const { call } = await connect();
    const cases: [string, Record<string, unknown>][] = [
      ['remember', { namespace: 'n', text: '   ' }],
      ['remember', { namespace: 'bad\u0001namespace', text: 'hello' }],
      ['remember', { namespace: 'n', text: 'hello', createdAt: 'last tuesday' }],
      ['recall', { namespace: 'n', query: ' \n ' }],
      ['stats', { namespace: '   ' }],
    ];
    for (const [tool, args] of cases) {
      const result = await call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result)).toMatch(/^invalid_input: /);
    }
  });

  it('refuses a cursor from another query with invalid_input', async () => {
    const { call } = await connect();
    for (let index = 0; index < 6; index++)
      await call('remember', { namespace: 'n', text: `walk number ${index} in the park` });
    const page = (await call('recall', { namespace: 'n', query: 'walk in the park', limit: 2 })).structuredContent as {
      nextCursor: string;
    };
    expect(page.nextCursor).toEqual(expect.any(String));

    const foreign = await call('recall', { namespace: 'n', query: 'something else', cursor: page.nextCursor });
    const garbage = await call('recall', { namespace: 'n', query: 'walk in the park', cursor: '!!not-a-cursor' });

    expect(foreign.isError).toBe(true);
    expect(textOf(foreign)).toMatch(/^invalid_input: cursor belongs to another request/);
    expect(garbage.isError).toBe(true);
    expect(textOf(garbage)).toMatch(/^invalid_input: cursor is not a cursor this tool returned/);
  });

  it('reports memory_closed once the memory is closed, without crashing', async () => {
    const { call, memory } = await connect();
    await memory.close();
    const result = await call('stats', { namespace: 'n' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^memory_closed: /);
  });

  it('reports unexpected failures as internal_error and tells the host', async () => {
    const real = await openTestMemory();
    const seen: string[] = [];
    // The real memory, except that recall fails the way a bug would (not a ResonantError).
    const broken = new Proxy(real, {
      get: (target, key) =>
        key === 'recall'
          ? async () => {
              throw new TypeError('disk on fire');
            }
          : Reflect.get(target, key, target),
    });
    const { call } = await connect({
      memory: broken,
      onUnexpectedError: (error, tool) => seen.push(`${tool}: ${(error as Error).message}`),
    });

    const result = await call('recall', { namespace: 'n', query: 'anything' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('internal_error: recall failed: disk on fire');
    expect(seen).toEqual(['recall: disk on fire']);
    expect((await call('stats', { namespace: 'n' })).isError).toBeFalsy();
  });

  it('rejects arguments that break the schema (wrong types, unknown keys) as tool errors', async () => {
    const { call } = await connect();
    const wrongType = await call('recall', { namespace: 'n', query: 'x', limit: 'ten' });
    const typo = await call('remember', { namspace: 'n', text: 'typo must not fall back to another namespace' });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('limit');
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toContain('namspace');
  });
});

describe('bad input never crashes the server', () => {
  it('answers every call, valid or not, and keeps serving (property over random arguments)', async () => {
    const { call } = await connect({ defaultNamespace: 'fuzz' });
    const tools = ['remember', 'recall', 'build_context', 'feedback', 'forget', 'drill_down', 'consolidate', 'stats'];
    const fieldNames = [
      'namespace',
      'id',
      'text',
      'query',
      'maxTokens',
      'sessionGapMinutes',
      'utcOffsetMinutes',
      'model',
      'traces',
      'emotions',
      'remember',
      'limit',
      'cursor',
      'kinds',
      'detail',
      'reinforce',
      'ids',
      'kind',
      'metadata',
      'createdAt',
      'arousal',
      'valence',
      'summary',
    ];
    const anyValue = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tools),
        fc.dictionary(fc.constantFrom(...fieldNames), anyValue, { maxKeys: 5 }),
        async (tool, args) => {
          const result = await call(tool, args);
          expect(Array.isArray(result.content)).toBe(true);
          if (result.isError) expect(textOf(result).length).toBeGreaterThan(0);
          else expect(result.structuredContent).toBeDefined();
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect((await call('stats', {})).isError).toBeFalsy();
  });
});

describe('createMemoryServer options', () => {
  it('throws InvalidInputError for options that are not a memory', () => {
    const attempt = () => createMemoryServer({ memory: {} as Memory });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
    }
  });
});
