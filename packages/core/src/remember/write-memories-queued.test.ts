import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { withoutGraph } from '../../test/without-graph.js';
import { StoreFailureError } from '../errors/store-failure-error.js';
import { createMemory } from '../memory/create-memory.js';
import type { MemoryStore, StoredMemory } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';

/**
 * A real SQLite store seen as a store that queues inserts (as the Qdrant store does): while `failure`
 * is set, searches fail with it and inserts are queued; `comeBack` writes the queue.
 */
function storeThatQueues(options: { queues: boolean }) {
  const base = withoutGraph(new SqliteStore({ path: join(tempDirectory(), 'memory.db') }));
  const state: { failure: StoreFailureError | null } = { failure: null };
  const queue: StoredMemory[][] = [];
  const failing = <T>(read: () => Promise<T>) => (state.failure ? Promise.reject(state.failure) : read());
  const store: MemoryStore = {
    ...base,
    lexicalCandidates: (query) => failing(() => base.lexicalCandidates(query)),
    vectorCandidates: (query) => failing(() => base.vectorCandidates(query)),
    ...(options.queues
      ? {
          insertOrQueue: async (memories: readonly StoredMemory[]) => {
            const ids = memories.map((memory) => memory.record.id);
            if (state.failure) {
              queue.push([...memories]);
              return { inserted: [], queued: ids };
            }
            await base.insert(memories);
            return { inserted: ids, queued: [] };
          },
        }
      : {}),
  };
  const comeBack = async () => {
    state.failure = null;
    for (const memories of queue.splice(0)) await base.insert(memories);
  };
  return { store, state, queue, comeBack };
}

const unreachable = () => new StoreFailureError('unreachable (test)', { transient: true });

describe('the write path when the store cannot be reached', () => {
  it('queues memories as they are when the duplicate search cannot reach a store that queues, and says so', async () => {
    const { store, state, queue, comeBack } = storeThatQueues({ queues: true });
    const memory = await createMemory({ store, clock: manualClock(new Date('2026-03-01T10:00:00Z')) });
    const first = await memory.remember({ namespace: NS, text: 'Ana prefers green tea in the morning.' });
    expect(first).not.toHaveProperty('queued');
    state.failure = unreachable();
    // The same text would merge into the first memory; while down it cannot be compared, so it is new and queued.
    const repeat = await memory.remember({ namespace: NS, text: 'Ana prefers green tea in the morning.' });
    const batch = await memory.rememberMany([
      { namespace: NS, text: 'Ana runs on Sundays.' },
      { namespace: NS, text: 'Ana runs on Sundays.' },
    ]);
    expect(repeat).toMatchObject({ outcome: 'created', queued: true });
    expect(repeat.memory.id).not.toBe(first.memory.id);
    expect(batch.map((result) => [result.outcome, result.queued])).toEqual([
      ['created', true],
      ['created', true],
    ]);
    expect(queue.map((memories) => memories.length)).toEqual([1, 2]);
    await comeBack();
    expect((await memory.stats({ namespace: NS })).count).toBe(4);
    await memory.close();
  });

  it('still fails, typed, when the search failure is not transient or the store cannot queue', async () => {
    const permanent = storeThatQueues({ queues: true });
    const memory = await createMemory({ store: permanent.store });
    permanent.state.failure = new StoreFailureError('corrupt (test)');
    await expect(memory.remember({ namespace: NS, text: 'Ana likes jazz.' })).rejects.toMatchObject({
      code: 'store_failure',
      message: 'corrupt (test)',
    });
    expect(permanent.queue).toEqual([]);
    await memory.close();

    const plain = storeThatQueues({ queues: false });
    const other = await createMemory({ store: plain.store });
    plain.state.failure = unreachable();
    await expect(other.remember({ namespace: NS, text: 'Ana likes jazz.' })).rejects.toMatchObject({
      code: 'store_failure',
    });
    plain.state.failure = null;
    expect((await other.stats({ namespace: NS })).count).toBe(0);
    await other.close();
  });
});
