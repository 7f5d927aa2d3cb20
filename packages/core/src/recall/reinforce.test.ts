import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';
import { useTempDirectory } from '../../test/temp-directory.js';

describe('memory.reinforce', () => {
  const tempDirectory = useTempDirectory();
  let file: string;
  let memory: Memory;
  const path = () => file;

  beforeEach(async () => {
    file = `${tempDirectory()}/memory.db`;
    memory = await createMemory({ path: file, clock: () => new Date('2025-01-01T00:00:00Z') });
  });
  afterEach(async () => memory.close());

  it('marks the memories of its namespace as recalled, durably, and leaves other namespaces alone', async () => {
    const { memory: mine } = await memory.remember({ namespace: 'user:a', text: 'Aiko plays the cello.' });
    const { memory: theirs } = await memory.remember({ namespace: 'user:b', text: 'Ben plays the drums.' });
    const now = new Date('2025-03-01T00:00:00Z');

    const result = await memory.reinforce({ namespace: 'user:a', ids: [mine.id, mine.id, theirs.id, 'missing'], now });

    expect(result.reinforced).toEqual([mine.id]);
    await memory.close();
    memory = await createMemory({ path: path() });
    expect(await memory.get(mine.id)).toMatchObject({ accessCount: 1, lastAccessedAt: now });
    expect(await memory.get(theirs.id)).toMatchObject({ accessCount: 0 });
  });

  it('refuses malformed options with a typed error', async () => {
    await expect(memory.reinforce({ namespace: '', ids: [] })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(memory.reinforce({ namespace: 'user:a', ids: 'abc' as unknown as string[] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});
