import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { APPLY_FEEDBACK_DEFAULTS } from './apply-feedback.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const LATER = new Date('2025-03-08T12:00:00Z');
const alpha = APPLY_FEEDBACK_DEFAULTS.arousalRate;

describe('memory.applyFeedback', () => {
  let dir: string;
  let memory: Memory;
  let ids: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resonant-feedback-'));
    let next = 0;
    memory = await createMemory({
      path: join(dir, 'memory.db'),
      clock: () => NOW,
      generateId: () => `id${String(next++).padStart(10, '0')}`,
    });
    const stored = await memory.rememberMany([
      { namespace: 'alice', text: 'Alice loves the cello.', arousal: 0.2 },
      { namespace: 'alice', text: 'Alice moved to Osaka.', arousal: 0.6, utility: 0.5 },
      { namespace: 'bob', text: 'Bob has a dog.' },
    ]);
    ids = stored.map((result) => result.memory.id);
  });

  afterEach(async () => {
    await memory.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nudges arousal and utility toward each trace resonance with the documented alpha', async () => {
    const result = await memory.applyFeedback({
      namespace: 'alice',
      text: `You still play, right? <memory_trace id="m:${ids[0]}" resonance="0.9"/><memory_trace id="${ids[1]}" resonance="0.1"/>`,
      now: LATER,
    });
    expect(result.text).toBe('You still play, right? ');
    expect(result.applied.map((trace) => trace.id)).toEqual([ids[0], ids[1]]);
    expect(result.ignored).toEqual([]);
    const [cello, osaka] = [(await memory.get(ids[0]!))!, (await memory.get(ids[1]!))!];
    expect(cello.arousal).toBeCloseTo(0.2 + alpha * (0.9 - 0.2), 10);
    expect(cello.utility).toBeCloseTo(0.5 + APPLY_FEEDBACK_DEFAULTS.utilityRate * (0.9 - 0.5), 10);
    expect(osaka.arousal).toBeCloseTo(0.6 + alpha * (0.1 - 0.6), 10);
    expect(osaka.utility).toBeCloseTo(0.5 + APPLY_FEEDBACK_DEFAULTS.utilityRate * (0.1 - 0.5), 10);
    // The helpful trace counts as a recall; the unhelpful one does not.
    expect(cello.accessCount).toBe(1);
    expect(cello.lastAccessedAt).toEqual(LATER);
    expect(osaka.accessCount).toBe(0);
  });

  it('ignores and reports unknown ids and ids of another namespace, never applying them', async () => {
    const result = await memory.applyFeedback({
      namespace: 'alice',
      tags: [
        { type: 'memory_trace', id: 'nosuchid0000', resonance: 1 },
        { type: 'memory_trace', id: ids[2]!, resonance: 1 },
      ],
    });
    expect(result.applied).toEqual([]);
    expect(result.ignored).toEqual([
      { id: 'nosuchid0000', reason: 'not_found' },
      { id: ids[2], reason: 'not_found' },
    ]);
    const bobs = (await memory.get(ids[2]!))!;
    expect(bobs.arousal).toBe(0);
    expect(bobs.utility).toBe(0.5);
    expect(bobs.accessCount).toBe(0);
  });

  it('merges duplicate traces of one id, keeping the highest resonance', async () => {
    const result = await memory.applyFeedback({
      namespace: 'alice',
      text: `<memory_trace id="m:${ids[0]}" resonance="0.4"/><memory_trace id="m:${ids[0]}" resonance="1"/>`,
    });
    expect(result.applied).toHaveLength(1);
    expect((await memory.get(ids[0]!))!.arousal).toBeCloseTo(0.2 + alpha * (1 - 0.2), 10);
  });

  it('loses no update when feedback calls run concurrently (atomic nudges)', async () => {
    const one = `<memory_trace id="m:${ids[0]}" resonance="1"/>`;
    await Promise.all(
      Array.from({ length: 8 }, () => memory.applyFeedback({ namespace: 'alice', text: one, reinforce: false })),
    );
    const expected = 1 - (1 - 0.2) * (1 - alpha) ** 8;
    expect((await memory.get(ids[0]!))!.arousal).toBeCloseTo(expected, 10);
  });

  it('appraises the exchange from persona emotion and reports dropped tags', async () => {
    const result = await memory.applyFeedback({
      namespace: 'alice',
      text: 'おめでとう！<persona_emotion category="joy" intensity="0.8"/><persona_emotion category="meh"/>',
    });
    expect(result.emotions).toEqual([{ type: 'persona_emotion', category: 'joy', intensity: 0.8 }]);
    expect(result.exchange.valence).toBeCloseTo(0.64, 10);
    expect(result.exchange.emotion.joy).toBeCloseTo(0.8, 10);
    expect(result.exchange.arousal).toBeGreaterThan(0.4);
    expect(result.dropped).toHaveLength(1);
  });

  it('blends normalised reward axes into the utility target', async () => {
    // Warm up the namespace's statistics so the axes have spread.
    for (const engagement of [10, 20, 30, 40])
      await memory.applyFeedback({ namespace: 'alice', tags: [], rewards: { engagement } });
    const result = await memory.applyFeedback({
      namespace: 'alice',
      tags: [{ type: 'memory_trace', id: ids[1]!, resonance: 0.5 }],
      rewards: { engagement: 400 },
    });
    expect(result.applied[0]!.arousalTarget).toBe(0.5);
    // An unusually engaging exchange lifts the target, but a raw 400 cannot swamp the 0..1 scale.
    expect(result.applied[0]!.utilityTarget).toBeGreaterThan(0.65);
    expect(result.applied[0]!.utilityTarget).toBeLessThanOrEqual(0.75);
  });

  it('rejects invalid options with InvalidInputError', async () => {
    await expect(memory.applyFeedback({ namespace: 'alice' } as never)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(memory.applyFeedback({ namespace: 'alice', text: 'x', tags: [] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      memory.applyFeedback({ namespace: 'alice', tags: [{ type: 'memory_trace', id: 'a', resonance: 2 }] }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
