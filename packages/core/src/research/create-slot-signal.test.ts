import { describe, expect, it } from 'vitest';
import { createHashedEmbedder } from '../embed/hashed-embedder.js';
import { createMemory } from '../memory/create-memory.js';
import { createResonanceEstimator } from './create-resonance-estimator.js';
import { createResonanceSignal } from './create-resonance-signal.js';
import { createSlotMemory } from './create-slot-memory.js';
import { createSlotSignal } from './create-slot-signal.js';

const NS = 'user:ana/agent:mika';
const GARDEN = [
  'Ana planted tomatoes in the garden.',
  'The garden tomatoes need water every morning.',
  'Ana picked ripe tomatoes from the garden today.',
];
const WORK = [
  'Ana has a night shift at the hospital.',
  'The hospital shift ran long again.',
  'Ana asked for fewer night shifts at the hospital.',
];

describe('research signals in recall', () => {
  it('slots lift the memories of the session the query calls to mind', async () => {
    const embedder = createHashedEmbedder();
    const memory = await createMemory({ path: ':memory:', embedder });
    await memory.rememberMany(
      [...GARDEN, ...WORK, 'Ana talked about the morning.'].map((text) => ({ namespace: NS, text })),
    );
    const slots = createSlotMemory({ dimensions: embedder.dimensions });
    for (const session of [GARDEN, WORK]) slots.writeSession(NS, await embedder.embed(session));
    const extraSignal = createSlotSignal({ slots, embedder, weight: 1 });
    const hits = await memory.recall({
      namespace: NS,
      query: 'tomatoes in the morning',
      reinforce: false,
      extraSignal,
    });
    const scoreOf = (text: string) => hits.find((hit) => hit.memory.text === text)?.signals.extra;
    // The query attends to the garden slot: a garden memory scores above the off-topic "morning" one.
    expect(scoreOf(GARDEN[1]!)!).toBeGreaterThan(scoreOf('Ana talked about the morning.')!);
    for (const hit of hits) expect(hit.signals.extra).toBeGreaterThanOrEqual(0);
    await memory.close();
  });

  it('resonance importance reaches recall as a 0..1 signal', async () => {
    const embedder = createHashedEmbedder();
    const memory = await createMemory({ path: ':memory:', embedder });
    await memory.rememberMany([...GARDEN, ...WORK].map((text) => ({ namespace: NS, text })));
    const estimator = createResonanceEstimator({ inputDimensions: embedder.dimensions, projectedDimensions: 8 });
    for (const vector of await embedder.embed([...GARDEN, ...WORK])) estimator.observe(NS, vector);
    const hits = await memory.recall({
      namespace: NS,
      query: 'garden',
      reinforce: false,
      extraSignal: createResonanceSignal({ estimator, embedder, weight: 0.2 }),
    });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.signals.extra).toBeGreaterThanOrEqual(0);
      expect(hit.signals.extra).toBeLessThanOrEqual(1);
    }
    await memory.close();
  });
});
