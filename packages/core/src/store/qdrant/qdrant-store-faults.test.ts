import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeQdrantFault, FakeQdrantServer, type FaultScope } from '../../../test/fake-qdrant-server.js';
import { manualClock } from '../../../test/manual-clock.js';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { createMemory } from '../../memory/create-memory.js';
import type { Memory } from '../../memory/memory.js';
import { type QdrantMemoryStore, qdrantStore } from './qdrant-store.js';

// Qdrant failing in each way, over real HTTP on loopback (see FakeQdrantServer): every write is
// either refused with a typed error or queued in the durable outbox and reported as queued, never
// as applied; when the server comes back the outbox drains and the server holds each acknowledged
// write exactly once. The same script on a healthy server is the reference.

const NAMESPACE = 'user:alice';
const TIMEOUT_MS = 400;
const tempDirectory = useTempDirectory();
const servers: FakeQdrantServer[] = [];
const memories: Memory[] = [];

afterEach(async () => {
  for (const memory of memories.splice(0)) await memory.close().catch(() => undefined);
  for (const server of servers.splice(0)) await server.stop();
});

interface Setup {
  server: FakeQdrantServer;
  store: QdrantMemoryStore;
  memory: Memory;
}

async function setUp(): Promise<Setup> {
  const server = await FakeQdrantServer.start();
  servers.push(server);
  const store = qdrantStore({
    url: server.url,
    outboxPath: join(tempDirectory(), 'outbox.db'),
    timeoutMs: TIMEOUT_MS,
    retries: 1,
    retryDelayMs: 1,
    // Replays here are explicit (flushOutbox), never on the background timer.
    outboxRetryMs: 600_000,
  });
  let next = 0;
  const memory = await createMemory({
    store,
    clock: manualClock(),
    generateId: () => `m${String(++next).padStart(4, '0')}`,
  });
  memories.push(memory);
  return { server, store, memory };
}

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

async function script(setup: Setup, fault?: { fault: FakeQdrantFault; scope?: FaultScope }) {
  const { server, store, memory } = setup;
  const [a, b] = await memory.rememberMany([
    { namespace: NAMESPACE, text: 'I moved to Osaka in May' },
    { namespace: NAMESPACE, text: 'My sister is called Hana' },
  ]);
  if (fault) await server.fail(fault.fault, fault.scope);
  const remembered = await settle(memory.remember({ namespace: NAMESPACE, text: 'I do not like natto' }));
  const rememberedMany = await settle(
    memory.rememberMany([
      { namespace: NAMESPACE, text: 'My cat is called Mochi' },
      { namespace: NAMESPACE, text: 'I work night shifts at a hospital' },
    ]),
  );
  const feedback = await settle(
    memory.applyFeedback({
      namespace: NAMESPACE,
      tags: [
        { type: 'memory_trace', id: a!.memory.id, resonance: 0.9 },
        { type: 'memory_trace', id: b!.memory.id, resonance: 0.2 },
        { type: 'memory_trace', id: 'm-unknown', resonance: 0.7 },
      ],
    }),
  );
  const reinforced = await settle(memory.reinforce({ namespace: NAMESPACE, ids: [a!.memory.id, 'm-unknown'] }));
  const direct = await settle(store.update(NAMESPACE, [{ id: b!.memory.id, arousal: { target: 1, rate: 0.5 } }]));
  const during = store.outboxStatus();
  await server.recover();
  const after = await store.flushOutbox();
  return { remembered, rememberedMany, feedback, reinforced, direct, during, after };
}

function pointsOf(server: FakeQdrantServer) {
  return new Map(
    [...server.state.points.values()]
      .filter((point) => typeof point.payload.id === 'string')
      .map((point) => [point.payload.id as string, point.payload]),
  );
}

const code = (error: unknown) => (ResonantError.isInstance(error) ? error.code : String(error));

describe('Qdrant failing in each way', () => {
  it.each([
    ['refused', { fault: { mode: 'refused' } }],
    ['status500', { fault: { mode: 'status500' } }],
    ['timeout', { fault: { mode: 'timeout' } }],
    ['slow', { fault: { mode: 'slow', delayMs: 50 } }],
    ['malformed json', { fault: { mode: 'malformed', body: 'invalidJson' } }],
    ['malformed shape', { fault: { mode: 'malformed', body: 'wrongShape' } }],
    ['write answer lost (timeout)', { fault: { mode: 'timeout', applyFirst: true }, scope: { only: ['batchUpdate'] } }],
    [
      'write answer lost (malformed)',
      { fault: { mode: 'malformed', body: 'wrongShape', applyFirst: true }, scope: { only: ['batchUpdate'] } },
    ],
  ] as const)('%s', async (_name, fault) => {
    const reference = await setUp();
    await script(reference);
    const faulty = await setUp();
    const got = await script(faulty, fault as never);
    const outage = _name !== 'slow' && !_name.startsWith('write answer lost');
    // Nothing queued is left behind once the server is back, and nothing was refused for good.
    expect(got.after).toEqual({ pending: 0, rejected: 0 });
    // A queued update is never reported as applied.
    expect('value' in got.direct && got.direct.value).toEqual(_name === 'slow' ? ['m0002'] : []);
    if (_name !== 'slow') expect(got.during.pending).toBeGreaterThan(0);
    if (outage) {
      for (const outcome of [got.remembered, got.rememberedMany, got.feedback])
        expect('error' in outcome && code(outcome.error)).toBe('store_failure');
    } else {
      // Acknowledged feedback lands exactly once: the signals match the healthy run's.
      const e = pointsOf(reference.server);
      const g = pointsOf(faulty.server);
      for (const id of ['m0001', 'm0002'])
        for (const field of ['arousal', 'utility', 'access_count', 'last_accessed_at'])
          expect(g.get(id)?.[field]).toEqual(e.get(id)?.[field]);
    }
  });
});
