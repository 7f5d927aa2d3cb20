import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResonantError } from '../errors/resonant-error.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

const START = Date.UTC(2026, 0, 1);
const opened: Memory[] = [];

async function openMemory(): Promise<Memory> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-list-recent-'));
  const memory = await createMemory({ path: path.join(directory, 'memory.db'), clock: () => new Date(START) });
  opened.push(memory);
  return memory;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((memory) => memory.close()));
});

describe('listRecent', () => {
  it('returns the newest memories first, across store pages, within the namespace only', async () => {
    const memory = await openMemory();
    // More than one store page (1000), inserted out of creation order.
    const inputs = Array.from({ length: 2_345 }, (_, index) => ({
      namespace: 'user:a',
      text: `entry number ${index}`,
      createdAt: new Date(START + ((index * 7919) % 2_345) * 60_000),
    }));
    await memory.rememberMany(inputs);
    await memory.remember({
      namespace: 'user:b',
      text: 'newest of all, but elsewhere',
      createdAt: new Date(START + 10_000 * 60_000),
    });

    const recent = await memory.listRecent({ namespace: 'user:a', limit: 3 });

    expect(recent.map((record) => record.createdAt.getTime())).toEqual([
      START + 2_344 * 60_000,
      START + 2_343 * 60_000,
      START + 2_342 * 60_000,
    ]);
    expect(recent.every((record) => record.namespace === 'user:a')).toBe(true);
  });

  it('reinforces nothing and filters by kind', async () => {
    const memory = await openMemory();
    await memory.remember({ namespace: 'n', text: 'a fact', kind: 'fact', createdAt: new Date(START) });
    await memory.remember({ namespace: 'n', text: 'an episode', kind: 'episode', createdAt: new Date(START + 1) });

    const facts = await memory.listRecent({ namespace: 'n', filter: { kind: ['fact'] } });

    expect(facts.map((record) => record.text)).toEqual(['a fact']);
    expect(facts[0]!.accessCount).toBe(0);
    expect((await memory.get(facts[0]!.id))!.accessCount).toBe(0);
  });

  it('rejects a bad limit with invalid_input', async () => {
    const memory = await openMemory();
    const error = await memory.listRecent({ namespace: 'n', limit: 0 }).catch((caught: unknown) => caught);
    expect(ResonantError.isInstance(error) && error.code).toBe('invalid_input');
  });
});
