import { describe, expect, it } from 'vitest';
import { createHashedEmbedder } from '../embed/hashed-embedder.js';
import { createMemory } from '../memory/create-memory.js';
import { HASHED_EMBEDDER_FUSION } from './hashed-embedder-fusion.js';

const NS = 'fusion';
const TEXTS = [
  'Ana adopted a shiba inu puppy called Mochi.',
  'She wants to be a counselor.',
  'Ana works as a nurse on night shifts.',
  'We cooked pasta with tomato sauce for dinner.',
];

async function recalled(query: string, withEmbedder: boolean) {
  const memory = await createMemory({
    path: ':memory:',
    ...(withEmbedder ? { embedder: createHashedEmbedder() } : {}),
  });
  try {
    await memory.rememberMany(TEXTS.map((text) => ({ namespace: NS, text })));
    return await memory.recall({ namespace: NS, query, reinforce: false });
  } finally {
    await memory.close();
  }
}

describe('HASHED_EMBEDDER_FUSION', () => {
  it('gives the vector channel no weight', () => {
    expect(HASHED_EMBEDDER_FUSION).toMatchObject({ method: 'score', lexicalWeight: 1 });
  });

  it('leaves the vector channel out of recall without an embedder when words match', async () => {
    const hits = await recalled('Who is the nurse?', false);
    expect(hits[0]!.memory.text).toContain('nurse');
    for (const hit of hits) expect(hit.signals.vectorRank).toBeNull();
  });

  it('falls back to the vector channel when no word of the query matches (a misspelling)', async () => {
    // British spelling: the stemmer keeps "counsellor" and "counselor" apart, their character trigrams meet.
    const hits = await recalled('counsellor', false);
    expect(hits.map((hit) => hit.memory.text)).toContain('She wants to be a counselor.');
    for (const hit of hits) {
      expect(hit.signals.lexicalRank).toBeNull();
      expect(hit.signals.vectorRank).not.toBeNull();
    }
  });

  it('keeps fusing both channels when the caller brings an embedder', async () => {
    const hits = await recalled('Who is the nurse?', true);
    expect(hits[0]!.memory.text).toContain('nurse');
    expect(hits[0]!.signals.vectorRank).toBe(1);
  });
});
