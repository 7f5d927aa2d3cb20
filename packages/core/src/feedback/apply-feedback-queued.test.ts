import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { StoreFailureError } from '../errors/store-failure-error.js';
import { createMemory } from '../memory/create-memory.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { InMemoryStore } from '../store/in-memory/in-memory-store.js';
import type { SignalUpdate, SignalUpdateReport } from '../store/memory-store.js';

const NS = 'user:ana';

/** A store that queues updates (as the Qdrant store does) and whose reads fail with `failure` when set. */
class FailingReadsStore extends InMemoryStore {
  failure: StoreFailureError | null = null;
  readonly queued: SignalUpdate[][] = [];

  override async get(ids: readonly string[]): Promise<MemoryRecord[]> {
    if (this.failure) throw this.failure;
    return super.get(ids);
  }

  async updateOrQueue(namespace: string, updates: readonly SignalUpdate[]): Promise<SignalUpdateReport> {
    if (!this.failure) return { applied: await this.update(namespace, updates), queued: [] };
    this.queued.push([...updates]);
    return { applied: [], queued: [...new Set(updates.map((update) => update.id))] };
  }
}

describe('applyFeedback when the store cannot be reached', () => {
  it('queues the cited ids unverified (m: dropped) instead of failing on the lookup, none applied or ignored', async () => {
    const store = new FailingReadsStore();
    const memory = await createMemory({ store, clock: manualClock() });
    const { memory: stored } = await memory.remember({ namespace: NS, text: 'Ana keeps bees.' });
    store.failure = new StoreFailureError('unreachable (test)', { transient: true });
    const result = await memory.applyFeedback({
      namespace: NS,
      text: `Bees! <memory_trace id="m:${stored.id}" resonance="0.8"/><memory_trace id="m:ghost" resonance="0.3"/>`,
    });
    expect(result.applied).toEqual([]);
    expect(result.ignored).toEqual([]);
    expect(result.queued.map((trace) => trace.id)).toEqual([stored.id, 'ghost']);
    expect(store.queued.flat().map((update) => update.id)).toEqual([stored.id, 'ghost']);
    await memory.close();
  });

  it('still fails, typed, when the lookup fails for good', async () => {
    const store = new FailingReadsStore();
    const memory = await createMemory({ store, clock: manualClock() });
    store.failure = new StoreFailureError('corrupt (test)');
    await expect(
      memory.applyFeedback({ namespace: NS, tags: [{ type: 'memory_trace', id: 'm1', resonance: 0.5 }] }),
    ).rejects.toMatchObject({ code: 'store_failure', message: 'corrupt (test)' });
    expect(store.queued).toEqual([]);
    await memory.close();
  });
});
