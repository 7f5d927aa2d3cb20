import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { FEEDBACK_LOG_LIMIT } from '../store/sqlite/sqlite-feedback-log.js';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

const makeTempDirectory = useTempDirectory();
let open: Memory[] = [];
afterEach(async () => {
  await Promise.all(open.map((memory) => memory.close()));
  open = [];
});

async function openMemory(file: string, clock = manualClock()): Promise<{ memory: Memory; store: SqliteStore }> {
  const store = new SqliteStore({ path: file });
  const memory = await createMemory({ store, clock });
  open.push(memory);
  return { memory, store };
}

describe('the feedback log', () => {
  it('records which trace moved which memory by how much, newest first, and survives a reopen', async () => {
    const file = path.join(makeTempDirectory(), 'memory.db');
    const clock = manualClock();
    const { memory, store } = await openMemory(file, clock);
    const [tea, cat] = await memory.rememberMany([
      { namespace: 'user:ana', text: 'Ana drinks green tea after dinner.' },
      { namespace: 'user:ana', text: 'Ana adopted a grey cat named Mochi.' },
    ]);
    await memory.applyFeedback({
      namespace: 'user:ana',
      text: `<memory_trace id="m:${tea!.memory.id}" resonance="1"/><memory_trace id="m:${cat!.memory.id}" resonance="0.1"/>`,
    });
    clock.advanceDays(1);
    await memory.applyFeedback({
      namespace: 'user:ana',
      text: `<memory_trace id="m:${tea!.memory.id.slice(0, 4)}" resonance="0.9"/>`,
    });

    const entries = await store.feedbackLog.list('user:ana', { limit: 10 });
    expect(entries.map((entry) => [entry.memoryId, entry.resonance])).toEqual([
      [tea!.memory.id, 0.9],
      [cat!.memory.id, 0.1],
      [tea!.memory.id, 1],
    ]);
    const [latest, low, first] = entries as [(typeof entries)[0], (typeof entries)[0], (typeof entries)[0]];
    expect(latest.cited).toBe(tea!.memory.id.slice(0, 4));
    expect(latest.at.getTime() - first.at.getTime()).toBe(86_400_000);
    expect(first.before).toEqual({ arousal: tea!.memory.arousal, utility: 0.5, accessCount: 0 });
    expect(first.after.utility).toBeCloseTo(0.5 + 0.3 * (1 - 0.5), 10);
    expect(first.after.accessCount).toBe(1);
    expect(first.reinforced).toBe(true);
    expect(latest.before).toEqual(first.after);
    expect(low.after.utility).toBeLessThan(low.before.utility);
    expect(low.reinforced).toBe(false);
    const stored = await memory.get(tea!.memory.id);
    expect(latest.after).toEqual({
      arousal: stored!.arousal,
      utility: stored!.utility,
      accessCount: stored!.accessCount,
    });

    await memory.close();
    const reopened = await openMemory(file);
    expect(await reopened.store.feedbackLog.list('user:ana', { limit: 10, memoryId: cat!.memory.id })).toHaveLength(1);
  });

  it('keeps namespaces apart and logs nothing for traces that reached no memory', async () => {
    const file = path.join(makeTempDirectory(), 'memory.db');
    const { memory, store } = await openMemory(file);
    const ana = await memory.remember({ namespace: 'user:ana', text: 'Ana likes jazz.' });
    await memory.applyFeedback({ namespace: 'user:bo', text: `<memory_trace id="m:${ana.memory.id}" resonance="1"/>` });
    expect(await store.feedbackLog.list('user:bo', { limit: 10 })).toEqual([]);
    expect(await store.feedbackLog.list('user:ana', { limit: 10 })).toEqual([]);
    expect((await memory.get(ana.memory.id))!.utility).toBe(0.5);
  });

  it(`keeps the newest ${FEEDBACK_LOG_LIMIT} entries of a namespace`, async () => {
    const { store } = await openMemory(path.join(makeTempDirectory(), 'memory.db'));
    const signals = { arousal: 0, utility: 0.5, accessCount: 0 };
    const entries = Array.from({ length: FEEDBACK_LOG_LIMIT + 5 }, (_, index) => ({
      at: new Date(index),
      memoryId: `m${index}`,
      cited: `m${index}`,
      resonance: 1,
      reinforced: false,
      before: signals,
      after: signals,
    }));
    await store.feedbackLog.append('user:ana', entries);
    await store.feedbackLog.append('user:bo', entries.slice(0, 1));
    const kept = await store.feedbackLog.list('user:ana', { limit: FEEDBACK_LOG_LIMIT + 10 });
    expect(kept).toHaveLength(FEEDBACK_LOG_LIMIT);
    expect(kept[0]!.memoryId).toBe(`m${FEEDBACK_LOG_LIMIT + 4}`);
    expect(kept.at(-1)!.memoryId).toBe('m5');
    expect(await store.feedbackLog.list('user:bo', { limit: 10 })).toHaveLength(1);
  });
});
