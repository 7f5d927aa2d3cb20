import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createMemory } from './create-memory.js';
import type { Memory } from './memory.js';

const NOW = new Date('2025-05-01T00:00:00Z');

/** Stores a calm memory and a traumatic one about the same river, then asks about the calm one. */
async function recallAfterFlood(memory: Memory) {
  await memory.rememberMany([
    { namespace: 'ns', text: 'We walked by the river in spring.' },
    { namespace: 'ns', text: 'The river flooded the house that night.', emotion: { joy: 0, aversion: 0, trauma: 1 } },
  ]);
  return memory.recall({ namespace: 'ns', query: 'walk by the river in spring', reinforce: false });
}

describe('createMemory forgetting and random options', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resonant-forgetting-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns trauma flashbacks on with a chance and an injected random source', async () => {
    const draws: number[] = [];
    const memory = await createMemory({
      path: join(dir, 'memory.db'),
      clock: () => NOW,
      forgetting: { flashbackChance: 0.5 },
      random: () => {
        draws.push(0.1);
        return 0.1;
      },
    });
    try {
      const hits = await recallAfterFlood(memory);
      expect(hits[0]!.memory.text).toContain('flooded');
      expect(hits[0]!.signals.flashback).toBe(true);
      expect(draws).toHaveLength(1);
    } finally {
      await memory.close();
    }
  });

  it('keeps flashbacks off by default', async () => {
    const memory = await createMemory({ path: join(dir, 'memory.db'), clock: () => NOW, random: () => 0 });
    try {
      const hits = await recallAfterFlood(memory);
      expect(hits[0]!.memory.text).toContain('walked');
      expect(hits.every((hit) => hit.signals.flashback === false)).toBe(true);
    } finally {
      await memory.close();
    }
  });

  it('rejects unknown or out-of-range forgetting settings', async () => {
    await expect(
      createMemory({ path: join(dir, 'memory.db'), forgetting: { flashbackChance: 2 } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      createMemory({ path: join(dir, 'memory.db'), forgetting: { halfLife: 3 } as never }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
