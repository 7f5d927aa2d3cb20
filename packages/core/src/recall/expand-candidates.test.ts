import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createMemory } from '../memory/create-memory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { EXPANSION_DEFAULTS, expandCandidates } from './expand-candidates.js';
import { PLAIN_BM25 } from './lexical-search-options.js';
import { INTENT_LINK_PREFERENCES, routeIntent } from './route-intent.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 0, day, 12, minute));

// The lexical channel's spreading of scores to neighbouring turns is off, so only expansion links memories here.
const NO_SPREAD = { lexical: PLAIN_BM25 };

async function openMemory() {
  const store = new SqliteStore({ path: join(tempDirectory(), 'memory.db') });
  const memory = await createMemory({ store, clock: () => at(30), ...NO_SPREAD });
  return { memory, store };
}

const texts = (hits: { memory: { text: string } }[]) => hits.map((hit) => hit.memory.text);

describe('recall expansion', () => {
  it('brings in the next episode of a hit along the temporal link, only when asked', async () => {
    const { memory } = await openMemory();
    await memory.rememberMany([
      { namespace: NS, text: 'What did you cook for the party?', createdAt: at(1, 0) },
      { namespace: NS, text: 'A huge pot of mushroom risotto.', createdAt: at(1, 1) },
      { namespace: NS, text: 'The weather turned cold in the evening.', createdAt: at(5) },
    ]);
    const off = await memory.recall({ namespace: NS, query: 'cook for the party', reinforce: false });
    const on = await memory.recall({ namespace: NS, query: 'cook for the party', reinforce: false, expand: {} });
    expect(texts(off)).toEqual(['What did you cook for the party?']);
    expect(texts(on)).toEqual(['What did you cook for the party?', 'A huge pot of mushroom risotto.']);
    expect(on[1]!.signals).toMatchObject({ lexicalRank: null, vectorRank: null });
    // No cue word: the general intent's preference for the next episode applies.
    expect(on[1]!.signals.relevance).toBeCloseTo(
      on[0]!.signals.relevance * EXPANSION_DEFAULTS.decay * INTENT_LINK_PREFERENCES.general.next,
      5,
    );
    expect(
      texts(await memory.recall({ namespace: NS, query: 'cook for the party', reinforce: false, expand: { hops: 0 } })),
    ).toEqual(texts(off));
    await memory.close();
  });

  it('follows a shared entity to a memory with no words in common with the query', async () => {
    const { memory } = await openMemory();
    await memory.rememberMany([
      { namespace: NS, text: 'Ana adopted a kitten called [[Miso]].', createdAt: at(1) },
      { namespace: NS, text: 'The weather turned cold in the evening.', createdAt: at(2) },
      { namespace: NS, text: 'Took Miso to the vet for vaccinations.', createdAt: at(9) },
      { namespace: NS, text: 'Bought new running shoes.', createdAt: at(12) },
    ]);
    const hits = await memory.recall({ namespace: NS, query: 'adopted kitten', reinforce: false, expand: {} });
    expect(texts(hits)).toContain('Took Miso to the vet for vaccinations.');
    expect(texts(hits)[0]).toBe('Ana adopted a kitten called [[Miso]].');
    const twoHops = await memory.recall({
      namespace: NS,
      query: 'adopted kitten',
      reinforce: false,
      expand: { hops: 2 },
    });
    // Two hops: the vet visit's next episode is reached through it.
    expect(texts(twoHops)).toContain('Bought new running shoes.');
    await memory.close();
  });

  it.each([
    ['follows an entity a few memories share', EXPANSION_DEFAULTS.maxEntityMentions - 1, true],
    ['does not follow a hub entity', EXPANSION_DEFAULTS.maxEntityMentions, false],
  ])('%s', async (_name, others, followed) => {
    const { memory, store } = await openMemory();
    const [first] = await memory.rememberMany([
      { namespace: NS, text: 'Dear [[Journal]], I climbed the volcano today.', createdAt: at(1) },
      ...Array.from({ length: others }, (_, index) => ({
        namespace: NS,
        text: `Dear [[Journal]], entry ${index}.`,
        createdAt: at(2, index),
      })),
    ]);
    const seed = { record: first!.memory, relevance: 1, lexicalRank: 1, vectorRank: 1 };
    const result = await expandCandidates(store, [seed], {
      namespace: NS,
      query: 'volcano',
      options: {},
      minRelevance: 0,
    });
    // Without the entity only the next episode in time is reached.
    expect(result.added).toBe(followed ? others : 1);
    await memory.close();
  });

  it('respects the recall filter: archived and other kinds stay out', async () => {
    const { memory, store } = await openMemory();
    const [question, answer, fact] = await memory.rememberMany([
      { namespace: NS, text: 'Where did we go hiking?', createdAt: at(1, 0) },
      { namespace: NS, text: 'Up the ridge behind the lake.', createdAt: at(1, 1) },
      { namespace: NS, text: 'Ana is afraid of heights.', kind: 'fact', createdAt: at(1, 2) },
    ]);
    await store.graph.write(NS, { archive: { ids: [answer!.memory.id], at: at(3) } });
    const hits = await memory.recall({
      namespace: NS,
      query: 'go hiking',
      reinforce: false,
      expand: {},
      filter: { kind: ['episode'] },
    });
    expect(hits.map((hit) => hit.memory.id)).toEqual([question!.memory.id]);
    const archived = await memory.recall({
      namespace: NS,
      query: 'go hiking',
      reinforce: false,
      expand: {},
      filter: { includeArchived: true },
    });
    expect(archived.map((hit) => hit.memory.id)).toEqual([question!.memory.id, answer!.memory.id]);
    expect(archived.map((hit) => hit.memory.id)).not.toContain(fact!.memory.id);
    // Temporal links join episodes only: the fact said right after is not a "next episode".
    const unfiltered = await memory.recall({
      namespace: NS,
      query: 'go hiking',
      reinforce: false,
      expand: { hops: 2 },
    });
    expect(unfiltered.map((hit) => hit.memory.id)).not.toContain(fact!.memory.id);
    await memory.close();
  });

  it('is a no-op on a store without the graph capability', async () => {
    const store = new SqliteStore({ path: join(tempDirectory(), 'memory.db') });
    const plain = Object.assign(Object.create(Object.getPrototypeOf(store) as object) as SqliteStore, store, {
      graph: undefined,
    });
    const memory = await createMemory({ store: plain, clock: () => at(30), ...NO_SPREAD });
    await memory.rememberMany([
      { namespace: NS, text: 'What did you cook for the party?', createdAt: at(1, 0) },
      { namespace: NS, text: 'A huge pot of mushroom risotto.', createdAt: at(1, 1) },
    ]);
    expect(
      texts(await memory.recall({ namespace: NS, query: 'cook for the party', reinforce: false, expand: { hops: 2 } })),
    ).toEqual(['What did you cook for the party?']);
    await memory.close();
  });
});

describe('routeIntent', () => {
  it.each([
    ['Why did Ana quit her job?', 'why'],
    ['What made her change her mind?', 'why'],
    ['なぜ引っ越したの？', 'why'],
    ['どうして泣いていたの', 'why'],
    ['When did Ana move to Kyoto?', 'when'],
    ['What year did they marry?', 'when'],
    ['いつ京都に行った？', 'when'],
    ['Who gave Ana the necklace?', 'who-or-what'],
    ['What does Melanie paint?', 'who-or-what'],
    ['誰と行ったの？', 'who-or-what'],
    ['何を食べた？', 'who-or-what'],
    ['Ana pottery class', 'general'],
    ['陶芸教室', 'general'],
  ])('%s -> %s', (query, intent) => {
    expect(routeIntent(query)).toBe(intent);
  });
});
