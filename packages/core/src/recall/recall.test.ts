import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { FORGETTING_DEFAULTS } from './forgetting-curve.js';
import { createMemory } from '../memory/create-memory.js';

const NS = 'user:ana/agent:mika';

describe('recall', () => {
  it('ranks the relevant memory first and explains every signal', async () => {
    const memory = await createMemory({ path: ':memory:', clock: manualClock() });
    await memory.rememberMany([
      { namespace: NS, text: 'Ana adopted a shiba inu puppy called Mochi.' },
      { namespace: NS, text: 'Ana works as a nurse on night shifts.' },
      { namespace: NS, text: 'アナは東京で看護師として働いている。' },
    ]);
    const [top, ...rest] = await memory.recall({ namespace: NS, query: "What is the name of Ana's puppy?" });
    expect(top!.memory.text).toContain('Mochi');
    // Without an embedder the hashed vectors are only a fallback (HASHED_EMBEDDER_FUSION): not asked here.
    expect(top!.signals).toMatchObject({ lexicalRank: 1, vectorRank: null });
    for (const hit of rest) expect(hit.signals.relevance).toBeLessThan(top!.signals.relevance);
    for (const key of ['relevance', 'recency', 'arousal', 'utility', 'phrase'] as const) {
      expect(top!.signals[key]).toBeGreaterThanOrEqual(0);
      expect(top!.signals[key]).toBeLessThanOrEqual(1);
    }
    for (const hit of rest) expect(hit.score).toBeLessThanOrEqual(top!.score);
    await memory.close();
  });

  it('finds two-character Japanese words', async () => {
    const memory = await createMemory({ path: ':memory:' });
    await memory.rememberMany([
      // Days apart: separate conversations, so no context spreads between them.
      { namespace: NS, text: '来月、東京に引っ越します。', createdAt: new Date('2026-01-01') },
      { namespace: NS, text: '大阪のたこ焼きが好き。', createdAt: new Date('2026-01-05') },
    ]);
    const [top, ...rest] = await memory.recall({ namespace: NS, query: '東京' });
    expect(top!.memory.text).toBe('来月、東京に引っ越します。');
    expect(top!.signals.lexicalRank).toBe(1);
    // The other memory shares no term; at most a hashed-feature collision brings it in, far below.
    for (const hit of rest) expect(hit.signals.lexicalRank).toBeNull();
    await memory.close();
  });

  it('boosts a verbatim phrase', async () => {
    const memory = await createMemory({ path: ':memory:' });
    await memory.rememberMany([
      { namespace: NS, text: 'The group for support met on Monday, the group was big.' },
      { namespace: NS, text: 'She went to a support group on Monday.' },
    ]);
    const [top] = await memory.recall({ namespace: NS, query: 'support group' });
    expect(top!.memory.text).toBe('She went to a support group on Monday.');
    expect(top!.signals.phrase).toBe(1);
    await memory.close();
  });

  it('reinforces returned memories in one write, and only when asked', async () => {
    const clock = manualClock();
    const memory = await createMemory({ path: ':memory:', clock });
    const { memory: stored } = await memory.remember({ namespace: NS, text: 'Ana is allergic to peanuts.' });
    const later = clock.advanceDays(3);
    await memory.recall({ namespace: NS, query: 'peanut allergy', reinforce: false });
    expect((await memory.get(stored.id))!.accessCount).toBe(0);
    const [hit] = await memory.recall({ namespace: NS, query: 'peanut allergy' });
    const reread = await memory.get(stored.id);
    expect(reread).toMatchObject({ accessCount: 1, lastAccessedAt: later });
    expect(hit!.memory).toEqual(reread);
    await memory.close();
  });

  it('decays recency by the documented half-life, computed from `now` at query time', async () => {
    const clock = manualClock();
    const memory = await createMemory({ path: ':memory:', clock });
    const { memory: stored } = await memory.remember({ namespace: NS, text: 'Ana visited Kyoto in spring.' });
    const at = (days: number) => new Date(stored.createdAt.getTime() + days * 86_400_000);
    const recencyAfter = async (days: number) =>
      (await memory.recall({ namespace: NS, query: 'Kyoto', now: at(days), reinforce: false }))[0]!.signals.recency;
    expect(await recencyAfter(0)).toBeCloseTo(1, 6);
    expect(await recencyAfter(FORGETTING_DEFAULTS.halfLifeDays)).toBeCloseTo(0.5, 6);
    expect(await recencyAfter(2 * FORGETTING_DEFAULTS.halfLifeDays)).toBeCloseTo(0.25, 6);
    // Stateless: looking far ahead did not rewrite anything.
    expect(await memory.get(stored.id)).toEqual(stored);
    await memory.close();
  });

  it('ranks the recent memory first, and a reinforced memory outlasts an unreinforced one', async () => {
    const clock = manualClock();
    const memory = await createMemory({ path: ':memory:', clock });
    const { memory: old } = await memory.remember({ namespace: NS, text: 'Ana likes green tea in the morning.' });
    clock.advanceDays(10);
    const { memory: recent } = await memory.remember({ namespace: NS, text: 'Ana likes green tea in the evening.' });
    const order = async (now?: Date) =>
      (await memory.recall({ namespace: NS, query: 'green tea', reinforce: false, now })).map((hit) => hit.memory.id);
    expect(await order()).toEqual([recent.id, old.id]);
    // Recall only the old one today: its last access moves to now and its half-life grows.
    await memory.recall({ namespace: NS, query: 'tea in the morning', limit: 1 });
    expect((await memory.get(old.id))!.accessCount).toBe(1);
    expect(await order(clock.advanceDays(20))).toEqual([old.id, recent.id]);
    await memory.close();
  });

  it('filters by kind and by metadata', async () => {
    const memory = await createMemory({ path: ':memory:' });
    await memory.rememberMany([
      {
        namespace: NS,
        text: 'Coffee with Ana at the harbour.',
        kind: 'episode',
        metadata: { place: 'harbour', day: 1 },
      },
      {
        namespace: NS,
        text: 'Ana prefers coffee black.',
        kind: 'preference',
        metadata: { place: 'home', tags: ['drink'] },
      },
      { namespace: NS, text: 'Coffee again, this time at home.', kind: 'episode', metadata: { place: 'home', day: 2 } },
    ]);
    const texts = async (filter: object) =>
      (await memory.recall({ namespace: NS, query: 'coffee', filter })).map((hit) => hit.memory.text).sort();
    expect(await texts({ kind: ['preference'] })).toEqual(['Ana prefers coffee black.']);
    expect(await texts({ metadata: { place: 'home' } })).toEqual([
      'Ana prefers coffee black.',
      'Coffee again, this time at home.',
    ]);
    expect(await texts({ metadata: { place: 'home', day: 2 } })).toEqual(['Coffee again, this time at home.']);
    expect(await texts({ metadata: { tags: ['drink'] } })).toEqual(['Ana prefers coffee black.']);
    expect(await texts({ kind: ['episode'], metadata: { place: 'nowhere' } })).toEqual([]);
    await memory.close();
  });

  it('drops candidates under the relevance floor', async () => {
    const memory = await createMemory({ path: ':memory:' });
    await memory.rememberMany([
      { namespace: NS, text: 'Ana rode her mountain bike to the lake.', createdAt: new Date('2026-01-01') },
      {
        namespace: NS,
        text: 'The mountain hut was closed for the winter season this year.',
        createdAt: new Date('2026-01-05'),
      },
      { namespace: NS, text: 'Ana plays the violin.', createdAt: new Date('2026-01-09') },
    ]);
    const texts = async (minRelevance?: number) =>
      (await memory.recall({ namespace: NS, query: 'mountain bike', minRelevance, reinforce: false })).map(
        (hit) => [hit.memory.text, hit.signals.relevance] as const,
      );
    const [bike, hut, ...rest] = await texts();
    expect(bike![0]).toBe('Ana rode her mountain bike to the lake.');
    expect(hut![0]).toContain('mountain hut');
    expect(rest).toEqual([]);
    expect((await texts((bike![1] + hut![1]) / 2)).map(([text]) => text)).toEqual([bike![0]]);
    await memory.close();
  });

  it('never crosses a namespace wall, whatever the data (property)', async () => {
    const memory = await createMemory({ path: ':memory:' });
    const words = ['tea', 'dog', 'tokyo', '東京', 'music', 'rain', 'ana', 'mika'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            namespace: fc.constantFrom('user:a', 'user:b', 'user:c'),
            words: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('user:a', 'user:b', 'user:c'),
        fc.constantFrom(...words),
        async (inputs, namespace, query) => {
          const stored = await memory.rememberMany(
            inputs.map((input) => ({ namespace: input.namespace, text: input.words.join(' ') })),
          );
          const hits = await memory.recall({ namespace, query, limit: 50 });
          expect(hits.every((hit) => hit.memory.namespace === namespace)).toBe(true);
          // Forgetting other namespaces' ids through this namespace touches nothing.
          const foreign = stored
            .filter((result) => result.memory.namespace !== namespace)
            .map((result) => result.memory.id);
          expect((await memory.forget({ namespace, ids: foreign })).forgotten).toEqual([]);
          for (const id of foreign) expect(await memory.get(id)).not.toBeNull();
        },
      ),
      { numRuns: 40 },
    );
    await memory.close();
  });

  it('rejects bad recall options with a typed error', async () => {
    const memory = await createMemory({ path: ':memory:' });
    await expect(memory.recall({ namespace: NS, query: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(memory.recall({ namespace: NS, query: 'x', limit: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(memory.recall({ namespace: NS, query: 'x', now: new Date(Number.NaN) })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      memory.recall({ namespace: NS, query: 'x', filter: { kinds: ['episode'] } } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await memory.close();
  });
});
