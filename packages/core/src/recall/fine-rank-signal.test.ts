import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createMemory } from '../memory/create-memory.js';
import type { FineRankSignal } from './fine-rank-signal.js';

const NS = 'user:ana/agent:mika';

async function twinMemory() {
  const memory = await createMemory({ path: ':memory:' });
  // Both match the query; a heavy extra signal decides their order.
  await memory.rememberMany([
    {
      namespace: NS,
      text: 'Ana walked the dog by the river.',
      createdAt: new Date('2026-01-01'),
      metadata: { name: 'first' },
    },
    {
      namespace: NS,
      text: 'The dog swam in the river after lunch.',
      createdAt: new Date('2026-01-01T00:00:01Z'),
      metadata: { name: 'second' },
    },
  ]);
  return memory;
}

const favour = (name: string, weight: number, seen: string[] = []): FineRankSignal => ({
  weight,
  score: ({ records, query, queryVector, namespace }) => {
    seen.push(`${namespace}|${query}|${queryVector.length}`);
    return records.map((record) => (record.metadata.name === name ? 1 : 0));
  },
});

describe('recall({ extraSignal })', () => {
  it('weighs the caller signal into the composite and reports it', async () => {
    const memory = await twinMemory();
    const now = new Date('2026-01-02');
    const seen: string[] = [];
    for (const name of ['first', 'second']) {
      const hits = await memory.recall({
        namespace: NS,
        query: 'dog river',
        now,
        reinforce: false,
        extraSignal: favour(name, 5, seen),
      });
      expect(hits[0]!.memory.metadata.name).toBe(name);
      expect(hits[0]!.signals.extra).toBe(1);
      expect(hits[1]!.signals.extra).toBe(0);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    }
    expect(seen[0]).toBe(`${NS}|dog river|384`);
    const plain = await memory.recall({ namespace: NS, query: 'dog river', now, reinforce: false });
    expect(plain[0]!.signals.extra).toBeUndefined();
    // A zero weight changes nothing.
    const zero = await memory.recall({
      namespace: NS,
      query: 'dog river',
      now,
      reinforce: false,
      extraSignal: favour('second', 0),
    });
    expect(zero.map((hit) => [hit.memory.id, hit.score])).toEqual(plain.map((hit) => [hit.memory.id, hit.score]));
    await memory.close();
  });

  it('reads NaN, negative or missing scores as 0 and caps them at 1', async () => {
    const memory = await twinMemory();
    const hits = await memory.recall({
      namespace: NS,
      query: 'dog river',
      reinforce: false,
      extraSignal: { weight: 1, score: () => [Number.NaN] },
    });
    expect(hits.map((hit) => hit.signals.extra)).toEqual([0, 0]);
    const capped = await memory.recall({
      namespace: NS,
      query: 'dog river',
      reinforce: false,
      extraSignal: { weight: 1, score: () => [7, -3] },
    });
    expect(capped.map((hit) => hit.signals.extra).sort()).toEqual([0, 1]);
    await memory.close();
  });

  it('refuses a signal without a score function or with a weight out of range', async () => {
    const memory = await twinMemory();
    await expect(
      memory.recall({ namespace: NS, query: 'dog', extraSignal: { weight: 1 } as unknown as FineRankSignal }),
    ).rejects.toThrow(InvalidInputError);
    await expect(memory.recall({ namespace: NS, query: 'dog', extraSignal: favour('first', -1) })).rejects.toThrow(
      InvalidInputError,
    );
    await memory.close();
  });
});
