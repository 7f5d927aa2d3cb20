import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { ResonantError } from '../errors/resonant-error.js';
import { estimateArousal } from '../affect/estimate-arousal.js';
import { RECORD_DEFAULTS } from '../records/memory-record.js';
import { createMemory } from '../memory/create-memory.js';

const tempDirectory = useTempDirectory();
const openMemory = () => createMemory({ path: join(tempDirectory(), 'memory.db') });

async function expectInvalid(promise: Promise<unknown>, path?: string): Promise<InvalidInputError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an InvalidInputError');
    },
    (caught: unknown) => caught,
  );
  expect(ResonantError.isInstance(error)).toBe(true);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).code).toBe('invalid_input');
  if (path !== undefined) expect((error as InvalidInputError).issues.map((issue) => issue.path)).toContain(path);
  return error as InvalidInputError;
}

describe('remember', () => {
  it('stores a record with documented defaults', async () => {
    const memory = await createMemory({ path: ':memory:', clock: () => new Date('2026-03-01T10:00:00Z') });
    const { memory: record, outcome } = await memory.remember({
      namespace: 'user:ana',
      text: 'I love hiking in the Alps.',
    });
    expect(outcome).toBe('created');
    expect(record).toMatchObject({
      namespace: 'user:ana',
      kind: 'episode',
      accessCount: 0,
      utility: RECORD_DEFAULTS.utility,
      // No arousal given: estimated from the text.
      arousal: estimateArousal('I love hiking in the Alps.').arousal,
      valence: 0,
      metadata: {},
      archivedAt: null,
    });
    expect(record.createdAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(record.lastAccessedAt).toEqual(record.createdAt);
    expect(await memory.get(record.id)).toEqual(record);
    await memory.close();
  });

  it.each([
    ['empty text', { text: '' }, 'text'],
    ['blank text', { text: ' \n\t ' }, 'text'],
    ['non-string text', { text: 42 }, 'text'],
    ['1 MB text', { text: 'x'.repeat(1_048_576) }, 'text'],
    ['a lone surrogate', { text: 'broken \ud800 text' }, 'text'],
    ['NaN arousal', { text: 'ok', arousal: Number.NaN }, 'arousal'],
    ['arousal above 1', { text: 'ok', arousal: 1.5 }, 'arousal'],
    ['valence below -1', { text: 'ok', valence: -2 }, 'valence'],
    ['an unknown kind', { text: 'ok', kind: 'dream' }, 'kind'],
    ['an invalid date', { text: 'ok', createdAt: new Date('nope') }, 'createdAt'],
    ['a function in metadata', { text: 'ok', metadata: { f: () => 1 } }, 'metadata.f'],
    ['a blank namespace', { text: 'ok', namespace: '  ' }, 'namespace'],
  ])('rejects %s with a typed error and stores nothing', async (_name, patch, path) => {
    const memory = await openMemory();
    await expectInvalid(memory.remember({ namespace: 'user:ana', ...patch } as never), path);
    expect((await memory.stats({ namespace: 'user:ana' })).count).toBe(0);
    await memory.close();
  });

  it('rememberMany is all or nothing when one input is invalid', async () => {
    const memory = await openMemory();
    const error = await expectInvalid(
      memory.rememberMany([
        { namespace: 'user:ana', text: 'first' },
        { namespace: 'user:ana', text: '' },
        { namespace: 'user:ana', text: 'third', arousal: Number.NaN },
      ]),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['1.text', '2.arousal']);
    expect((await memory.stats({ namespace: 'user:ana' })).count).toBe(0);
    await memory.close();
  });

  it('rememberMany rolls back the whole batch when the store rejects one row', async () => {
    let next = 0;
    const ids = ['aaaa', 'bbbb', 'aaaa'];
    const memory = await createMemory({
      path: join(tempDirectory(), 'memory.db'),
      generateId: () => ids[next++ % ids.length]!,
    });
    await expectInvalid(memory.rememberMany([1, 2, 3].map((n) => ({ namespace: 'user:ana', text: `memory ${n}` }))));
    expect((await memory.stats({ namespace: 'user:ana' })).count).toBe(0);
    await memory.close();
  });

  it('rejects unknown createMemory options and bad ranking weights', async () => {
    await expectInvalid(createMemory({ path: ':memory:', ranking: { recency: -1 } }), 'ranking.recency');
    await expectInvalid(createMemory({ path: ':memory:', colour: 'red' } as never));
  });

  it('refuses calls after close with MemoryClosedError', async () => {
    const memory = await openMemory();
    await memory.close();
    await memory.close();
    await expect(memory.remember({ namespace: 'user:ana', text: 'late' })).rejects.toMatchObject({
      code: 'memory_closed',
    });
  });
});
