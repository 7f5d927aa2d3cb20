import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeQdrantFault, FakeQdrantServer, type FaultScope } from '../../../test/fake-qdrant-server.js';
import { manualClock } from '../../../test/manual-clock.js';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { createMemory } from '../../memory/create-memory.js';
import type { Memory } from '../../memory/memory.js';
import { pointIdFor } from './point-id.js';
import { type QdrantMemoryStore, qdrantStore } from './qdrant-store.js';

// Qdrant failing in each way, over real HTTP on loopback (see FakeQdrantServer): every write
// (inserts and signal updates) is queued in the durable outbox and reported as queued, never as
// applied; when the server comes back the outbox drains and the server holds each acknowledged
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

/** A memory on a fake server (a new one unless given) with its own outbox (unless given) and ids `<prefix>0001`, ... */
async function setUp(
  options: { server?: FakeQdrantServer; outboxPath?: string; idPrefix?: string } = {},
): Promise<Setup> {
  const server = options.server ?? (await FakeQdrantServer.start());
  if (!options.server) servers.push(server);
  const store = qdrantStore({
    url: server.url,
    outboxPath: options.outboxPath ?? join(tempDirectory(), 'outbox.db'),
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
    generateId: () => `${options.idPrefix ?? 'm'}${String(++next).padStart(4, '0')}`,
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
  // The memory remembered during the fault (queued while Qdrant is down) gets feedback too: its
  // queued insert must land before this update is replayed.
  const fresh = 'value' in remembered ? remembered.value.memory.id : 'm0003';
  const feedback = await settle(
    memory.applyFeedback({
      namespace: NAMESPACE,
      tags: [
        { type: 'memory_trace', id: a!.memory.id, resonance: 0.9 },
        { type: 'memory_trace', id: b!.memory.id, resonance: 0.2 },
        { type: 'memory_trace', id: fresh, resonance: 0.6 },
        { type: 'memory_trace', id: 'm-unknown', resonance: 0.7 },
      ],
    }),
  );
  const reinforced = await settle(memory.reinforce({ namespace: NAMESPACE, ids: [a!.memory.id, 'm-unknown'] }));
  const direct = await settle(store.update(NAMESPACE, [{ id: b!.memory.id, arousal: { target: 1, rate: 0.5 } }]));
  const during = store.outboxStatus();
  await server.recover();
  const sentBeforeFlush = server.requests.length;
  const after = await store.flushOutbox();
  const upsertsOnReplay = server.requests.slice(sentBeforeFlush).filter((method) => method === 'upsert').length;
  return { remembered, rememberedMany, feedback, reinforced, direct, during, after, upsertsOnReplay };
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
    ['insert answer lost (timeout)', { fault: { mode: 'timeout', applyFirst: true }, scope: { only: ['upsert'] } }],
    [
      'insert answer lost (malformed)',
      { fault: { mode: 'malformed', body: 'wrongShape', applyFirst: true }, scope: { only: ['upsert'] } },
    ],
  ] as const)('%s', async (_name, fault) => {
    const reference = await setUp();
    await script(reference);
    const faulty = await setUp();
    const got = await script(faulty, fault as never);
    const outage = _name !== 'slow' && !_name.includes('answer lost');
    // Nothing queued is left behind once the server is back, and nothing was refused for good.
    expect(got.after).toEqual({ pending: 0, rejected: 0 });
    // A queued update is never reported as applied.
    expect('value' in got.direct && got.direct.value).toEqual(_name === 'slow' ? ['m0002'] : []);
    if (_name !== 'slow') expect(got.during.pending).toBeGreaterThan(0);
    const insertLost = _name.startsWith('insert answer lost');
    const updateLost = _name.startsWith('write answer lost');
    // Inserts: queued (and said so) whenever Qdrant was down or the insert's answer was lost.
    const insertsQueued = outage || insertLost;
    const rememberedResults = [
      'value' in got.remembered ? got.remembered.value : got.remembered.error,
      ...('value' in got.rememberedMany ? got.rememberedMany.value : [got.rememberedMany.error]),
    ];
    for (const result of rememberedResults)
      expect(result).toMatchObject(insertsQueued ? { outcome: 'created', queued: true } : { outcome: 'created' });
    if (!insertsQueued) for (const result of rememberedResults) expect(result).not.toHaveProperty('queued');
    // Feedback: every trace queued, unverified (m-unknown included), none applied or ignored; only the slow server applies.
    const feedback = 'value' in got.feedback ? got.feedback.value : got.feedback.error;
    const tracesOf = (traces: { id: string }[]) => traces.map((trace) => trace.id).sort();
    if (_name === 'slow')
      expect(feedback).toMatchObject({ queued: [], ignored: [{ id: 'm-unknown', reason: 'not_found' }] });
    else {
      expect(feedback).toMatchObject({ applied: [], ignored: [] });
      expect(tracesOf((feedback as { queued: { id: string }[] }).queued)).toEqual([
        'm-unknown',
        'm0001',
        'm0002',
        'm0003',
      ]);
      expect(got.reinforced).toEqual({ value: { reinforced: [], queued: ['m0001', 'm-unknown'] } });
    }
    // What waited: both inserts, the feedback, the reinforce and the direct update (only the updates when just their answers were lost).
    expect(got.during.pending).toBe(_name === 'slow' ? 0 : updateLost ? 3 : 5);
    // Exactly once: a queued insert is upserted once on replay, and not at all when its first try landed.
    expect(got.upsertsOnReplay).toBe(outage ? 2 : insertLost ? 1 : 0);
    // Ids that could not be verified while queued and do not exist are dropped on replay, recorded, never created.
    expect(faulty.store.droppedUpdates().map((dropped) => dropped.id)).toEqual(
      _name === 'slow' ? [] : ['m-unknown', 'm-unknown'],
    );
    expect(reference.store.droppedUpdates()).toEqual([]);
    // Nothing lost, nothing twice: the same memories as the healthy run, each once, with the same signals.
    const e = pointsOf(reference.server);
    const g = pointsOf(faulty.server);
    expect([...g.keys()].sort()).toEqual(['m0001', 'm0002', 'm0003', 'm0004', 'm0005']);
    expect([...g.keys()].sort()).toEqual([...e.keys()].sort());
    expect(new Set([...g.values()].map((payload) => payload.text)).size).toBe(5);
    for (const id of e.keys()) {
      expect(g.get(id)?.text).toEqual(e.get(id)?.text);
      for (const field of ['arousal', 'utility', 'access_count', 'last_accessed_at'])
        expect(g.get(id)?.[field]).toEqual(e.get(id)?.[field]);
    }
  });

  it('keeps queued inserts across a restart: recall while down fails typed, and the reopened store replays them once', async () => {
    const outboxPath = join(tempDirectory(), 'outbox.db');
    const first = await setUp({ outboxPath });
    const { server } = first;
    await first.memory.remember({ namespace: NAMESPACE, text: 'I moved to Osaka in May' });
    await server.fail({ mode: 'refused' });
    const queued = await first.memory.remember({ namespace: NAMESPACE, text: 'My cat is called Mochi' });
    expect(queued).toMatchObject({ outcome: 'created', queued: true, memory: { id: 'm0002' } });
    const recalledWhileDown = await settle(first.memory.recall({ namespace: NAMESPACE, query: 'cat Mochi' }));
    expect('error' in recalledWhileDown && code(recalledWhileDown.error)).toBe('store_failure');
    expect(first.store.outboxStatus()).toEqual({ pending: 1, rejected: 0 });
    await first.memory.close();
    expect(pointsOf(server).has('m0002')).toBe(false);

    await server.recover();
    const second = await setUp({ server, outboxPath, idPrefix: 'n' });
    // Opening replays the outbox: the queued memory is in Qdrant once and recall finds it.
    expect(second.store.outboxStatus()).toEqual({ pending: 0, rejected: 0 });
    expect([...pointsOf(server).keys()].sort()).toEqual(['m0001', 'm0002']);
    expect(pointsOf(server).get('m0002')?.text).toBe('My cat is called Mochi');
    const hits = await second.memory.recall({ namespace: NAMESPACE, query: 'cat Mochi' });
    expect(hits.map((hit) => hit.memory.id)).toContain('m0002');
  });

  it('sets a queued insert aside when its id was taken while it waited, never overwriting the other write', async () => {
    const { server, store, memory } = await setUp();
    await memory.remember({ namespace: NAMESPACE, text: 'I moved to Osaka in May' });
    await server.fail({ mode: 'refused' });
    expect(await memory.remember({ namespace: NAMESPACE, text: 'My cat is called Mochi' })).toMatchObject({
      queued: true,
      memory: { id: 'm0002' },
    });
    await server.recover();
    // Another writer takes the id before the replay.
    const taken = pointsOf(server).get('m0001')!;
    await server.state.upsert('resonant_memories', {
      points: [
        { id: pointIdFor('m0002'), vector: {}, payload: { ...taken, id: 'm0002', text: 'Written by someone else' } },
      ],
    });
    expect(await store.flushOutbox()).toEqual({ pending: 0, rejected: 1 });
    expect(pointsOf(server).get('m0002')?.text).toBe('Written by someone else');
  });
});
