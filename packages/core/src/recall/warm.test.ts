import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { seededRandom } from '../../test/seeded-random.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { StoreFailureError } from '../errors/store-failure-error.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createMemory } from '../memory/create-memory.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana';
const WORDS =
  'tea cake dog walk rain book piano beach garden train sister orchestra cello snow lake camping pottery'.split(' ');
const QUERIES = ['tea and cake', 'a walk in the rain', 'camping by the lake', 'pottery class'];

/** A store whose `warm` calls are recorded (and can be made to fail). */
function recordingStore(path: string, fail = false): { store: SqliteStore; warmed: string[] } {
  const store = new SqliteStore({ path });
  const warmed: string[] = [];
  const warmStore = store.warm.bind(store);
  store.warm = async (namespace) => {
    warmed.push(namespace);
    if (fail) throw new StoreFailureError('disk gone');
    return warmStore(namespace);
  };
  return { store, warmed };
}

async function seededFile(): Promise<string> {
  const path = join(tempDirectory(), 'memory.db');
  const memory = await createMemory({ path, clock: manualClock() });
  const random = seededRandom(3);
  for (let batch = 0; batch < 12; batch++) {
    await memory.rememberMany(
      Array.from({ length: 100 }, (_, i) => ({
        namespace: NS,
        text: Array.from(
          { length: 4 + Math.floor(random() * 5) },
          () => WORDS[Math.floor(random() * WORDS.length)]!,
        ).join(' '),
        createdAt: new Date(Date.UTC(2025, 0, 1) + (batch * 100 + i) * 60_000),
      })),
    );
  }
  await memory.close();
  return path;
}

describe('warm', () => {
  it('starts loading at open when asked, and recall answers as without it', async () => {
    const path = await seededFile();
    const { store, warmed } = recordingStore(path);
    const warm = await createMemory({ store, warm: [NS, 'user:bo'], clock: manualClock() });
    expect(warmed).toEqual([NS, 'user:bo']);
    const cold = await createMemory({ path, clock: manualClock() });
    for (const query of QUERIES) {
      const hits = await warm.recall({ namespace: NS, query, reinforce: false });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(await cold.recall({ namespace: NS, query, reinforce: false }));
    }
    await warm.close();
    await cold.close();
  });

  it('warms on request, checks its options and refuses once closed', async () => {
    const path = await seededFile();
    const { store, warmed } = recordingStore(path);
    const memory = await createMemory({ store, clock: manualClock() });
    await memory.warm({ namespace: NS });
    expect(warmed).toEqual([NS]);
    expect((await memory.recall({ namespace: NS, query: QUERIES[0]!, reinforce: false })).length).toBeGreaterThan(0);
    await expect(memory.warm({ namespace: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createMemory({ path, warm: [''] })).rejects.toMatchObject({ code: 'invalid_input' });
    await memory.close();
    await expect(memory.warm({ namespace: NS })).rejects.toMatchObject({ code: 'memory_closed' });
  });

  it('leaves a failed background warm-up to the first recall', async () => {
    const path = await seededFile();
    const { store, warmed } = recordingStore(path, true);
    const memory = await createMemory({ store, warm: [NS], clock: manualClock() });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warmed).toEqual([NS]);
    expect((await memory.recall({ namespace: NS, query: QUERIES[1]!, reinforce: false })).length).toBeGreaterThan(0);
    await expect(memory.warm({ namespace: NS })).rejects.toMatchObject({ code: 'store_failure' });
    await memory.close();
  });
});
