// Crash safety of the embedded store, against real processes on a real file.
//
//   pnpm test:crash                       50 SIGKILLs and 4 concurrent processes (the figures in the README)
//   RESONANT_CRASH_KILLS=200 pnpm test:crash
// Inside `pnpm test` the same file runs with 5 kills and 3 processes.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMemory } from '../src/memory/create-memory.js';
import { StoreFailureError } from '../src/errors/store-failure-error.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startWorker } from './crash-worker-process.js';
import { seededRandom } from './seeded-random.js';
import { useTempDirectory } from './temp-directory.js';

const KILLS = Number(process.env.RESONANT_CRASH_KILLS ?? 5);
const PROCESSES = Math.max(3, Number(process.env.RESONANT_CRASH_PROCESSES ?? 3));
const ROUNDS = Number(process.env.RESONANT_CRASH_ROUNDS ?? 8);
const SEED = Number(process.env.RESONANT_CRASH_SEED ?? 16);
const NS = 'user:crash';

const tempDirectory = useTempDirectory();

/** Opens the file as a fresh process would (WAL recovery included) and returns what is wrong with it. */
function inspect(path: string, acknowledged: readonly string[]): { integrity: string; missing: string[] } {
  const db = new Database(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const present = new Set(
      (
        db
          .prepare('SELECT id FROM memories WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(acknowledged)) as { id: string }[]
      ).map((row) => row.id),
    );
    return { integrity, missing: acknowledged.filter((id) => !present.has(id)) };
  } finally {
    db.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('crash safety of the SQLite store', () => {
  it(`keeps every acknowledged write through ${KILLS} SIGKILLs at random moments`, {
    timeout: 60_000 + KILLS * 15_000,
  }, async () => {
    const path = join(tempDirectory(), 'memory.db');
    const random = seededRandom(SEED);
    const acknowledged: string[] = [];
    let survived = 0;
    let killedBeforeReady = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const worker = startWorker({ path, namespace: NS, seed: SEED * 1000 + kill, role: 'mixed', operations: 0 });
      if (random() < 0.15) {
        // Sometimes while it opens the file (schema transaction, WAL recovery after the last kill).
        await sleep(random() * 400);
        if (!worker.seen.has('ready')) killedBeforeReady++;
      } else {
        await worker.waitFor('ready');
        // Anywhere in a stretch of batches, feedback, recalls and consolidation runs.
        await sleep(random() * 1500);
      }
      worker.child.kill('SIGKILL');
      expect(await worker.exit, worker.stderr()).toBe('SIGKILL');
      acknowledged.push(...worker.acknowledged);

      const { integrity, missing } = inspect(path, acknowledged);
      expect(integrity, `after kill ${kill + 1} (seed ${SEED})`).toBe('ok');
      expect(missing, `after kill ${kill + 1} (seed ${SEED})`).toEqual([]);
      survived++;
    }

    // The library itself reopens the file and finds every acknowledged memory.
    const memory = await createMemory({ path });
    let found = 0;
    for (const id of acknowledged) if ((await memory.get(id)) !== null) found++;
    await memory.close();
    const lost = acknowledged.length - found;
    console.info(
      `crash: ${survived}/${KILLS} SIGKILLs survived (${killedBeforeReady} while opening), ` +
        `${acknowledged.length} acknowledged writes, ${lost} lost, integrity_check ok after each`,
    );
    expect(lost).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
  });

  it(`${PROCESSES} processes write, recall and consolidate one file at once`, { timeout: 240_000 }, async () => {
    const path = join(tempDirectory(), 'memory.db');
    // Create the file first, so the workers race on writes rather than on the schema.
    await (await createMemory({ path })).close();
    const workers = Array.from({ length: PROCESSES }, (_, index) =>
      startWorker({
        path,
        namespace: index % 2 === 0 ? NS : 'user:other',
        seed: SEED * 7 + index,
        role: index === PROCESSES - 1 ? 'consolidator' : index === 0 ? 'writer' : 'mixed',
        operations: ROUNDS,
      }),
    );
    const exits = await Promise.all(workers.map((worker) => worker.exit));
    expect(exits, workers.map((worker) => worker.stderr()).join('\n')).toEqual(workers.map(() => 0));

    const acknowledged = workers.flatMap((worker) => worker.acknowledged);
    const { integrity, missing } = inspect(path, acknowledged);
    const count = (kind: string) => workers.reduce((sum, worker) => sum + (worker.seen.get(kind) ?? 0), 0);
    const errors = workers.flatMap((worker) => [...worker.seen].filter(([kind]) => kind.startsWith('error ')));
    console.info(
      `multi-process: ${PROCESSES} processes, ${acknowledged.length} acknowledged writes, ${missing.length} lost, ` +
        `${count('consolidated')} consolidations, ${count('recalled')} recalls, ${count('feedback')} feedback calls, ` +
        `typed errors: ${errors.length === 0 ? 'none' : errors.map(([kind, n]) => `${kind} x${n}`).join(', ')}`,
    );
    expect(integrity).toBe('ok');
    expect(missing).toEqual([]);
    expect(count('done')).toBe(PROCESSES);
    expect(count('consolidated')).toBeGreaterThan(0);
    expect(count('recalled')).toBeGreaterThan(0);
  });

  it('waits a bounded time for a held write lock, then fails with a typed StoreFailureError (SQLITE_BUSY)', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const memory = await createMemory({ store: new SqliteStore({ path, busyTimeoutMs: 50 }) });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const failure = await memory.remember({ namespace: NS, text: 'Kenji sold the old piano.' }).catch((e) => e);
    expect(failure).toBeInstanceOf(StoreFailureError);
    expect((failure as StoreFailureError).code).toBe('store_failure');
    expect(((failure as StoreFailureError).cause as { code?: string }).code).toBe('SQLITE_BUSY');
    holder.exec('ROLLBACK');
    holder.close();
    // Once the lock is released the same memory writes again: the failure left nothing behind.
    const { memory: written } = await memory.remember({ namespace: NS, text: 'Kenji sold the old piano.' });
    expect((await memory.get(written.id))?.text).toBe('Kenji sold the old piano.');
    await memory.close();
  });
});
