import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Schemas } from '@qdrant/js-client-rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeQdrantApi } from '../../../test/fake-qdrant-api.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { findCandidates } from '../../recall/find-candidates.js';
import { rankingCorpus, RANKING_QUERIES } from '../../testing/ranking-corpus.js';
import { BM25_DEFAULTS } from '../bm25.js';
import { CONFORMANCE_CONTEXT, conformanceMemory, conformanceQuery } from '../conformance/conformance-memory.js';
import { InMemoryStore } from '../in-memory/in-memory-store.js';
import { FeedbackOutbox } from './feedback-outbox.js';
import { COLLECTION_META_POINT_ID, pointIdFor } from './point-id.js';
import { QdrantCollectionStore, type QdrantStoreSettings } from './qdrant-collection-store.js';

// Unit tests of the store's own logic over a scripted client (see FakeQdrantApi): what it sends,
// how it retries, what the outbox keeps. The conformance suite against a real server is elsewhere.

const A = 'user:alice';
const B = 'user:bob';
let directory: string;
let clock: number;
let sleeps: number[];
const stores: QdrantCollectionStore[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'resonant-qdrant-unit-'));
  clock = 1_000_000;
  sleeps = [];
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  rmSync(directory, { recursive: true, force: true });
});

function settings(): QdrantStoreSettings {
  return {
    location: 'http://qdrant.test:6333',
    collection: 'memories',
    outboxPath: join(directory, 'outbox.db'),
    retry: { retries: 3, initialDelayMs: 200, maxDelayMs: 5_000 },
    outboxRetryMs: 5_000,
  };
}

async function openStore(fake: FakeQdrantApi, context = CONFORMANCE_CONTEXT): Promise<QdrantCollectionStore> {
  const store = new QdrantCollectionStore(settings(), async () => fake, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => clock,
  });
  stores.push(store);
  await store.open(context);
  return store;
}

const apiError = (status: number) =>
  Object.assign(new Error(status >= 500 ? 'Service Unavailable' : 'Bad Request'), {
    name: 'ApiError',
    status,
    data: { status: { error: `status ${status}` } },
  });
const later = (minutes: number) => new Date(Date.UTC(2025, 0, 1) + minutes * 60_000);
const code = (error: unknown) => (ResonantError.isInstance(error) ? error.code : error);

describe('QdrantCollectionStore over a scripted client', () => {
  it('bootstraps the collection once: named dense vectors, tenant index, term indexes, metadata point', async () => {
    const fake = new FakeQdrantApi();
    await openStore(fake);
    const [create] = fake.callsOf('createCollection');
    expect(create!.request).toEqual({ vectors: { dense: { size: CONFORMANCE_CONTEXT.dimensions, distance: 'Dot' } } });
    const indexes = fake.callsOf('createPayloadIndex').map((call) => call.request as Schemas['CreateFieldIndex']);
    expect(indexes).toContainEqual(
      expect.objectContaining({ field_name: 'namespace', field_schema: { type: 'keyword', is_tenant: true } }),
    );
    expect(indexes.map((index) => index.field_name)).toEqual(
      expect.arrayContaining(['kind', 'terms', 'term_count', 'created_at', 'last_accessed_at', 'arousal', 'utility']),
    );
    expect(fake.points.get(COLLECTION_META_POINT_ID)?.payload).toEqual({
      resonant: {
        embedder_id: CONFORMANCE_CONTEXT.embedderId,
        dimensions: CONFORMANCE_CONTEXT.dimensions,
        schema_version: 2,
      },
    });

    fake.calls.length = 0;
    await openStore(fake);
    expect(fake.callsOf('createCollection')).toHaveLength(0);
    const mismatch = await openStore(fake, { embedderId: 'other', dimensions: CONFORMANCE_CONTEXT.dimensions }).catch(
      (error: unknown) => error,
    );
    expect(code(mismatch)).toBe('embedder_mismatch');
  });

  it('refuses a collection that holds points it did not write', async () => {
    const fake = new FakeQdrantApi();
    fake.collectionCreated = true;
    fake.points.set('foreign', { id: 'foreign', vector: [], payload: { title: 'not ours' } });
    expect(code(await openStore(fake).catch((error: unknown) => error))).toBe('store_failure');
  });

  it('refuses a collection of the first schema, whose points carry no search terms', async () => {
    const fake = new FakeQdrantApi();
    await openStore(fake);
    fake.points.get(COLLECTION_META_POINT_ID)!.payload = {
      resonant: {
        embedder_id: CONFORMANCE_CONTEXT.embedderId,
        dimensions: CONFORMANCE_CONTEXT.dimensions,
        schema_version: 1,
      },
    };
    const refused = await openStore(fake).catch((error: unknown) => error);
    expect(code(refused)).toBe('store_failure');
    expect((refused as Error).message).toMatch(/export it .* import/);
  });

  it('writes points with UUID ids, our id and search terms in the payload, the dense vector; checks ids before writing', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    await store.insert([
      conformanceMemory({ id: 'm1', namespace: A, text: 'Alice plays the cello', metadata: { topic: 'music' } }),
    ]);
    const point = fake.points.get(pointIdFor('m1'))!;
    expect(point.payload).toMatchObject({
      id: 'm1',
      namespace: A,
      metadata: '{"topic":"music"}',
      metadata_pairs: ['["topic","music"]'],
      archived_at: null,
      access_count: 0,
      terms: ['alic', 'plai', 'cello'],
      term_count: 3,
    });
    expect(Object.keys(point.vector as object)).toEqual(['dense']);
    const upserts = fake.callsOf('upsert').length;
    const duplicate = await store
      .insert([conformanceMemory({ id: 'm1', namespace: B, text: 'again' })])
      .catch((error: unknown) => error);
    expect(code(duplicate)).toBe('invalid_input');
    expect(fake.callsOf('upsert')).toHaveLength(upserts);
  });

  it('puts the namespace condition on every read and write request', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    await store.insert([conformanceMemory({ id: 'm1', namespace: A, text: 'Alice plays the cello' })]);
    fake.calls.length = 0;
    const filter = { metadata: { topic: 'music' } };
    await store.lexicalCandidates({
      namespace: A,
      terms: new Map([['cello', 1]]),
      bm25: BM25_DEFAULTS,
      limit: 10,
      filter,
    });
    await store.vectorCandidates({ namespace: A, vector: conformanceQuery('cello').vector, limit: 10, filter });
    await store.neighbours({ namespace: A, ids: ['m1'], radius: 2, filter });
    await store.list({ namespace: A, limit: 10 });
    await store.count(A);
    await store.update(A, [{ id: 'm1', recalledAt: new Date(5) }]);
    await store.delete(A, ['m1']);
    const namespaceCondition = { key: 'namespace', match: { value: A } };
    const filters: unknown[] = [];
    for (const call of fake.calls) {
      const request = call.request as Record<string, unknown>;
      if (call.method === 'queryBatch')
        for (const search of request.searches as Schemas['QueryRequest'][]) filters.push(search.filter);
      if (
        call.method === 'scroll' ||
        call.method === 'count' ||
        call.method === 'delete' ||
        call.method === 'query' ||
        call.method === 'facet'
      )
        filters.push(request.filter);
      if (call.method === 'batchUpdate')
        for (const operation of request.operations as { set_payload: Schemas['SetPayload'] }[])
          filters.push(operation.set_payload.filter);
    }
    expect(filters.length).toBeGreaterThanOrEqual(12);
    for (const filter of filters) expect((filter as Schemas['Filter']).must).toContainEqual(namespaceCondition);
  });

  it('sends signal updates as one batch of partial payloads, never the whole point', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    await store.insert([
      conformanceMemory({ id: 'm1', namespace: A, text: 'one' }),
      conformanceMemory({ id: 'm2', namespace: A, text: 'two' }),
    ]);
    fake.calls.length = 0;
    expect(
      await store.update(A, [
        { id: 'm1', recalledAt: new Date(9_000_000_000_000) },
        { id: 'm2', utility: { target: 1, rate: 0.5 } },
        { id: 'ghost', recalledAt: new Date(1) },
      ]),
    ).toEqual(['m1', 'm2']);
    expect(fake.calls.map((call) => call.method)).toEqual(['retrieve', 'batchUpdate']);
    expect((fake.calls[0]!.request as Schemas['PointRequest']).with_payload).toEqual([
      'id',
      'namespace',
      'arousal',
      'utility',
      'valence',
      'joy',
      'aversion',
      'trauma',
      'last_accessed_at',
      'access_count',
      'signal_writes',
    ]);
    const operations = (fake.calls[1]!.request as Schemas['UpdateOperations']).operations as {
      set_payload: Schemas['SetPayload'];
    }[];
    expect(operations.map((operation) => operation.set_payload.payload)).toEqual([
      { last_accessed_at: 9_000_000_000_000, access_count: 1, signal_writes: [expect.any(String)] },
      { utility: 0.75, signal_writes: [expect.any(String)] },
    ]);
    expect(fake.callsOf('upsert')).toHaveLength(0);
  });

  it('retries timeouts and 5xx with doubling backoff, then fails with a typed error; 4xx fail at once', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    fake.failures.push(apiError(503), Object.assign(new Error('timed out'), { name: 'QdrantClientTimeoutError' }));
    expect(await store.count(A)).toBe(0);
    expect(sleeps).toEqual([200, 400]);

    sleeps.length = 0;
    fake.failures.push(apiError(502), apiError(502), apiError(502), apiError(502));
    const exhausted = await store.count(A).catch((error: unknown) => error);
    expect(code(exhausted)).toBe('store_failure');
    expect((exhausted as Error).message).toMatch(/after 4 tries.*HTTP 502/);
    expect(sleeps).toEqual([200, 400, 800]);

    sleeps.length = 0;
    fake.failures.push(apiError(400));
    const rejected = await store.count(A).catch((error: unknown) => error);
    expect(code(rejected)).toBe('store_failure');
    expect(sleeps).toEqual([]);
  });

  it('queues feedback durably while Qdrant is down and replays it in order after a restart', async () => {
    const fake = new FakeQdrantApi();
    const first = await openStore(fake);
    await first.insert([conformanceMemory({ id: 'm1', namespace: A, text: 'one' })]);
    fake.down = true;
    // Order matters: toward 1 then toward 0 gives 0.25; the other way round gives 0.5.
    // Queued, not applied: reported as such, never as applied.
    expect(
      await first.updateOrQueue(A, [{ id: 'm1', arousal: { target: 1, rate: 0.5 }, recalledAt: later(10) }]),
    ).toEqual({ applied: [], queued: ['m1'] });
    const callsWhileDown = fake.calls.length;
    expect(await first.update(A, [{ id: 'm1', arousal: { target: 0, rate: 0.5 }, recalledAt: later(20) }])).toEqual([]);
    expect(fake.calls.length).toBe(callsWhileDown);
    expect(first.outboxStatus()).toEqual({ pending: 2, rejected: 0 });
    await first.close();

    const onDisk = FeedbackOutbox.open(settings().outboxPath, 'memories');
    expect(onDisk.size).toBe(2);
    onDisk.close();

    fake.down = false;
    const second = await openStore(fake);
    expect(second.outboxStatus()).toEqual({ pending: 0, rejected: 0 });
    const [record] = await second.get(['m1']);
    expect(record).toMatchObject({ arousal: 0.25, accessCount: 2, lastAccessedAt: later(20) });
  });

  it('replays the queue before newer feedback once Qdrant is back, and keeps refused entries aside', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    await store.insert([conformanceMemory({ id: 'm1', namespace: A, text: 'one' })]);
    fake.down = true;
    await store.update(A, [{ id: 'm1', arousal: { target: 1, rate: 0.5 } }]);
    fake.down = false;
    clock += 1_000; // still inside the retry pause: queued behind the first, Qdrant not asked
    await store.update(A, [{ id: 'm1', arousal: { target: 0, rate: 0.5 } }]);
    expect(store.outboxStatus().pending).toBe(2);
    clock += 10_000;
    await store.update(A, [{ id: 'm1', recalledAt: new Date(30) }]);
    expect(store.outboxStatus()).toEqual({ pending: 0, rejected: 0 });
    expect((await store.get(['m1']))[0]).toMatchObject({ arousal: 0.25, accessCount: 1 });

    fake.down = true;
    await store.update(A, [{ id: 'm1', utility: { target: 1, rate: 1 } }]);
    fake.down = false;
    fake.failures.push(apiError(400));
    expect(await store.flushOutbox()).toEqual({ pending: 0, rejected: 1 });
  });

  it('does not queue feedback the server refused as bad: the caller gets the error', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    fake.failures.push(apiError(400));
    expect(code(await store.update(A, [{ id: 'm1', recalledAt: new Date(1) }]).catch((error: unknown) => error))).toBe(
      'store_failure',
    );
    expect(store.outboxStatus().pending).toBe(0);
  });

  it('scores candidates itself, so the coarse stage ranks as on the reference store (over the scripted client)', async () => {
    const fake = new FakeQdrantApi();
    const store = await openStore(fake);
    const reference = new InMemoryStore();
    await reference.open(CONFORMANCE_CONTEXT);
    for (const target of [store, reference]) {
      await target.insert(rankingCorpus(A));
      await target.insert(rankingCorpus(B, 'b'));
    }
    for (const query of RANKING_QUERIES) {
      for (const filter of [undefined, { includeArchived: true }, { metadata: { topic: 'family' } }]) {
        const request = { namespace: A, ...conformanceQuery(query), limit: 40, filter };
        const summary = async (target: typeof store | InMemoryStore) =>
          (await findCandidates(target, request)).map(({ record, ...rest }) => ({ id: record.id, ...rest }));
        expect(await summary(store), query).toEqual(await summary(reference));
      }
    }
  });
});
