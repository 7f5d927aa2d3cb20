import { EmbedderMismatchError } from '../../errors/embedder-mismatch-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import type { MemoryKind } from '../../records/memory-kind.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import { scoreDocuments } from '../bm25.js';
import { checkStoredMemories } from '../check-stored-memories.js';
import { exactInnerProduct } from '../index/exact-vector-index.js';
import { randomUUID } from 'node:crypto';
import type {
  LexicalCandidate,
  LexicalQuery,
  InsertReport,
  ListOptions,
  MemoryPage,
  NeighbourQuery,
  Neighbours,
  SignalUpdate,
  SignalUpdateReport,
  StoredMemory,
  StoreOpenContext,
  TimelineEntry,
  VectorCandidate,
  VectorQuery,
} from '../memory-store.js';
import { collectionConfig, DENSE_VECTOR_NAME, PAYLOAD_INDEXES, QDRANT_SCHEMA_VERSION } from './collection-schema.js';
import { type DroppedUpdate, FeedbackOutbox } from './feedback-outbox.js';
import { denseVectorOf, pointFromStored, recordFromPayload } from './memory-payload.js';
import { COLLECTION_META_POINT_ID, pointIdFor } from './point-id.js';
import type { QdrantApi, QdrantSchemas } from './qdrant-api.js';
import { checkQdrantResponse } from './qdrant-response-shapes.js';
import { memoryFilter, namespaceCondition } from './qdrant-filter.js';
import type { OutboxStatus, QdrantMemoryStore } from './qdrant-store.js';
import { applySignalUpdates, SIGNAL_PAYLOAD_FIELDS, type SignalPayload } from '../apply-signal-updates.js';
import { SIGNAL_WRITES_FIELD, signalPayloadOperations, type SignalChange } from './signal-payload-updates.js';
import { isTransientQdrantError, withRetries, type RetryPolicy } from './with-retries.js';

/** Resolved settings of a Qdrant store (see `QDRANT_STORE_DEFAULTS`). */
export interface QdrantStoreSettings {
  /** Where the server is, for messages. */
  readonly location: string;
  readonly collection: string;
  readonly outboxPath: string;
  readonly retry: RetryPolicy;
  readonly outboxRetryMs: number;
}

/** Test seams: time and waiting. */
export interface QdrantStoreRuntime {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

// Points per upsert or retrieve request: about 1-2 MB of JSON with 384-dimension vectors.
const POINTS_PER_REQUEST = 512;
const OPERATIONS_PER_BATCH = 512;
const SCROLL_PAGE = 256;
const FACET_LIMIT = 100_000;
/** Searches per `queryBatch` request (neighbours ask two per memory). */
const SEARCHES_PER_BATCH = 128;
/**
 * Points fetched beyond a limit where Qdrant's order is not ours: vector hits are re-scored here
 * (exact inner product, ties by id) and neighbours re-ordered (creation time, then id), so a few
 * extra let ties at the edge of the limit come out as on every store.
 */
const EDGE_MARGIN = 8;

interface CollectionMeta {
  embedder_id: string;
  dimensions: number;
  schema_version: number;
}

type Point = QdrantSchemas['Record'];

/**
 * The Qdrant store over one collection. Every request that reads or writes memories carries the
 * namespace condition; signal updates are partial payload writes (`batchUpdate` of `set_payload`),
 * serialised within this process so concurrent nudges compose; failed feedback goes to the outbox.
 * Candidates score as on every store: BM25 from the `terms` payload and the namespace's counts,
 * inner products re-computed from the stored vectors; recall does the ranking.
 */
export class QdrantCollectionStore implements QdrantMemoryStore {
  readonly capabilities = Object.freeze({ crossProcess: true, persistent: true });
  private client: QdrantApi | null = null;
  private outbox: FeedbackOutbox | null = null;
  private dimensions = 0;
  /** Signal updates and outbox replays run one at a time, in arrival order. */
  private signalQueue: Promise<unknown> = Promise.resolve();
  private replayTimer: ReturnType<typeof setTimeout> | null = null;
  private lastOutboxFailure = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: QdrantStoreSettings,
    private readonly connect: () => Promise<QdrantApi>,
    private readonly runtime: QdrantStoreRuntime = {},
  ) {}

  async open(context: StoreOpenContext): Promise<void> {
    const client = await this.connect();
    this.client = client;
    this.dimensions = context.dimensions;
    try {
      await this.bootstrap(context);
      this.outbox = FeedbackOutbox.open(this.settings.outboxPath, this.settings.collection);
    } catch (error) {
      this.client = null;
      throw error;
    }
    if (this.outbox.size > 0) await this.serialize(() => this.replayOutbox(true));
  }

  async insert(memories: readonly StoredMemory[]): Promise<void> {
    if (memories.length === 0) return;
    this.requireClient();
    checkStoredMemories(memories, this.dimensions);
    await this.refuseExisting(memories);
    try {
      await this.upsertPoints(memories.map((memory) => pointFromStored(memory)));
    } catch (error) {
      // All or none: take back every point of the insert (none existed before it), including the
      // chunk that failed, which may have landed with its answer lost. Best effort: while Qdrant
      // stays unreachable the take-back fails too, and what landed stays.
      const points = memories.map((memory) => pointIdFor(memory.record.id));
      await this.call('delete', (client) => client.delete(this.settings.collection, { wait: true, points })).catch(
        () => undefined,
      );
      throw error;
    }
  }

  /**
   * `insert`, or, when Qdrant cannot be reached or its answer is lost, the points queued in the
   * outbox under this write's id (each point carries it in `signal_writes`), behind every queued
   * update, and reported as queued. While queued they are not searchable, and their ids were not
   * checked against Qdrant's (the replay checks: an id held by another write sets the entry aside
   * as rejected). What a lost answer let land stays, and the replay skips it.
   */
  insertOrQueue(memories: readonly StoredMemory[]): Promise<InsertReport> {
    if (memories.length === 0) return Promise.resolve({ inserted: [], queued: [] });
    try {
      this.requireClient();
      checkStoredMemories(memories, this.dimensions);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.serialize(async () => {
      const writeId = randomUUID();
      const points = memories.map((memory) => pointWithWrite(pointFromStored(memory), writeId));
      const ids = memories.map((memory) => memory.record.id);
      const queue = (): InsertReport => {
        this.outbox!.appendInsert(points, writeId);
        this.scheduleReplay();
        return { inserted: [], queued: ids };
      };
      if (this.outbox!.size > 0 && !(await this.replayOutbox(false))) return queue();
      try {
        await this.refuseExisting(memories);
        await this.upsertPoints(points);
        return { inserted: ids, queued: [] };
      } catch (error) {
        if (!isTransientFailure(error)) throw error;
        this.lastOutboxFailure = this.now();
        return queue();
      }
    });
  }

  async upsert(memories: readonly StoredMemory[]): Promise<void> {
    if (memories.length === 0) return;
    this.requireClient();
    checkStoredMemories(memories, this.dimensions);
    const namespaces = new Map(memories.map((memory) => [memory.record.id, memory.record.namespace]));
    const taken = (await this.retrieve([...namespaces.keys()], ['id', 'namespace'])).find(
      (point) => namespaces.get(String(point.payload?.id)) !== point.payload?.namespace,
    );
    if (taken) {
      throw new InvalidInputError(
        `Memory id "${String(taken.payload?.id)}" belongs to another namespace; nothing was written.`,
        [{ path: 'id', message: 'id taken by another namespace' }],
      );
    }
    for (const chunk of chunks(memories, POINTS_PER_REQUEST)) {
      await this.call('upsert', (client) =>
        client.upsert(this.settings.collection, { wait: true, points: chunk.map((memory) => pointFromStored(memory)) }),
      );
    }
  }

  async get(ids: readonly string[]): Promise<MemoryRecord[]> {
    if (ids.length === 0) return [];
    this.requireClient();
    const byId = new Map(
      (await this.retrieve(ids, true))
        .map((point) => recordFromPayload(point.payload))
        .map((record) => [record.id, record]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Every memory the filter allows that holds a query term (one paged scroll), scored with BM25
   * over the namespace's statistics: its size, its total length (a facet of `term_count`) and each
   * term's document frequency (a count per term). Exact, at the price of reading every match.
   */
  async lexicalCandidates(query: LexicalQuery): Promise<LexicalCandidate[]> {
    this.requireClient();
    const terms = [...query.terms.keys()];
    if (terms.length === 0 || query.limit <= 0) return [];
    const namespaceOnly = { must: [namespaceCondition(query.namespace)] };
    const [documentCount, totalLength, frequencies, points] = await Promise.all([
      this.call('count', (client) =>
        client.count(this.settings.collection, { filter: namespaceOnly, exact: true }),
      ).then((result) => result.count),
      this.call('facet', (client) =>
        client.facet(this.settings.collection, {
          key: 'term_count',
          filter: namespaceOnly,
          limit: FACET_LIMIT,
          exact: true,
        }),
      ).then((result) => result.hits.reduce((sum, hit) => sum + Number(hit.value) * hit.count, 0)),
      Promise.all(
        terms.map((term) =>
          this.call('count', (client) =>
            client.count(this.settings.collection, {
              filter: { must: [namespaceCondition(query.namespace), { key: 'terms', match: { value: term } }] },
              exact: true,
            }),
          ).then((result) => [term, result.count] as const),
        ),
      ),
      this.scrollAll(memoryFilter(query.namespace, query.filter, [{ key: 'terms', match: { any: terms } }]), false, [
        ...FACT_FIELDS,
        'terms',
      ]),
    ]);
    const documents = points
      .filter((point) => point.payload?.namespace === query.namespace)
      .map((point) => ({ ...factsOf(point), terms: (point.payload?.terms as string[] | undefined) ?? [] }));
    return scoreDocuments(documents, query, { documentCount, totalLength }, new Map(frequencies));
  }

  /** Qdrant's nearest points (a few beyond the limit), re-scored with the exact inner product of their stored vectors. */
  async vectorCandidates(query: VectorQuery): Promise<VectorCandidate[]> {
    this.requireClient();
    if (query.limit <= 0) return [];
    const { points } = await this.call('query', (client) =>
      client.query(this.settings.collection, {
        query: Array.from(query.vector),
        using: DENSE_VECTOR_NAME,
        filter: memoryFilter(query.namespace, query.filter),
        limit: query.limit + EDGE_MARGIN,
        with_payload: ['id', 'namespace'],
        with_vector: [DENSE_VECTOR_NAME],
      }),
    );
    return points
      .filter((point) => point.payload?.namespace === query.namespace)
      .map((point) => ({
        id: String(point.payload?.id),
        similarity: exactInnerProduct(query.vector, denseVectorOf(point)),
      }))
      .filter((candidate) => candidate.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity || compareStrings(a.id, b.id))
      .slice(0, query.limit);
  }

  /** Two ordered queries per memory (earlier and later, by `created_at`), sent in batches, re-ordered by time then id. */
  async neighbours(query: NeighbourQuery): Promise<Neighbours[]> {
    this.requireClient();
    const times = new Map(
      (await this.retrieve(query.ids, ['id', 'namespace', 'created_at']))
        .filter((point) => point.payload?.namespace === query.namespace)
        .map((point) => [String(point.payload?.id), Number(point.payload?.created_at)]),
    );
    const asked = query.radius >= 1 ? query.ids.filter((id) => times.has(id)) : [];
    const searches = asked.flatMap((id): QdrantSchemas['QueryRequest'][] => {
      const time = times.get(id)!;
      const side = (direction: 'asc' | 'desc', range: QdrantSchemas['Range']): QdrantSchemas['QueryRequest'] => ({
        query: { order_by: { key: 'created_at', direction } },
        filter: memoryFilter(query.namespace, query.filter, [{ key: 'created_at', range }]),
        limit: query.radius + EDGE_MARGIN,
        with_payload: [...FACT_FIELDS],
      });
      return [side('desc', { lte: time }), side('asc', { gte: time })];
    });
    const responses: QdrantSchemas['QueryResponse'][] = [];
    for (const batch of chunks(searches, SEARCHES_PER_BATCH))
      responses.push(
        ...(await this.call('queryBatch', (client) =>
          client.queryBatch(this.settings.collection, { searches: batch }),
        )),
      );
    const found = new Map<string, Neighbours>();
    asked.forEach((id, index) => {
      const time = times.get(id)!;
      const entries = new Map<string, TimelineEntry>();
      for (const point of [...(responses[2 * index]?.points ?? []), ...(responses[2 * index + 1]?.points ?? [])]) {
        if (point.payload?.namespace !== query.namespace || point.payload?.id === id) continue;
        entries.set(String(point.payload.id), factsOf(point));
      }
      const sorted = [...entries.values()].sort((a, b) => a.createdAt - b.createdAt || compareStrings(a.id, b.id));
      const isBefore = (entry: TimelineEntry) =>
        entry.createdAt < time || (entry.createdAt === time && compareStrings(entry.id, id) < 0);
      found.set(id, {
        id,
        before: sorted.filter(isBefore).reverse().slice(0, query.radius),
        after: sorted.filter((entry) => !isBefore(entry)).slice(0, query.radius),
      });
    });
    return query.ids.map((id) => found.get(id) ?? { id, before: [], after: [] });
  }

  /** Only the ids it applied: ids it had to queue are not known to exist (see {@link updateOrQueue}). */
  async update(namespace: string, updates: readonly SignalUpdate[]): Promise<string[]> {
    return (await this.updateOrQueue(namespace, updates)).applied;
  }

  /**
   * Applies the updates, or, when Qdrant cannot be reached or its answer is lost, queues them in
   * the outbox under this write's id and reports every id as queued (none as applied: whether they
   * exist, or whether a write whose answer was lost landed, is not known until the replay).
   */
  updateOrQueue(namespace: string, updates: readonly SignalUpdate[]): Promise<SignalUpdateReport> {
    if (updates.length === 0) return Promise.resolve({ applied: [], queued: [] });
    try {
      this.requireClient();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.serialize(async () => {
      const writeId = randomUUID();
      if (this.outbox!.size > 0 && !(await this.replayOutbox(false))) return this.enqueue(namespace, updates, writeId);
      try {
        return { applied: await this.applyUpdates(namespace, updates, writeId), queued: [] };
      } catch (error) {
        if (!isTransientFailure(error)) throw error;
        this.lastOutboxFailure = this.now();
        return this.enqueue(namespace, updates, writeId);
      }
    });
  }

  async delete(namespace: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    this.requireClient();
    const present = new Map(
      (await this.retrieve(ids, ['id', 'namespace']))
        .filter((point) => point.payload?.namespace === namespace)
        .map((point) => [String(point.payload?.id), point.id]),
    );
    if (present.size === 0) return [];
    await this.call('delete', (client) =>
      client.delete(this.settings.collection, {
        wait: true,
        filter: { must: [namespaceCondition(namespace), { has_id: [...present.values()] }] },
      }),
    );
    return [...new Set(ids)].filter((id) => present.has(id));
  }

  async list(options: ListOptions): Promise<MemoryPage> {
    this.requireClient();
    const [afterTime, afterId] = parseCursor(options.after);
    const withVector = options.withVectors ? [DENSE_VECTOR_NAME] : false;
    const collected: Point[] = [];
    if (options.after) {
      // The rest of the page boundary's timestamp, whose points Qdrant cannot order by our id.
      const tied = await this.scrollAll(
        memoryFilter(options.namespace, options.filter, [
          { key: 'created_at', range: { gte: afterTime, lte: afterTime } },
        ]),
        withVector,
      );
      collected.push(...tied.filter((point) => compareIds(String(point.payload?.id), afterId) > 0).sort(byCreation));
    }
    if (collected.length <= options.limit) {
      const after = options.after ? [{ key: 'created_at', range: { gt: afterTime } }] : [];
      const filter = memoryFilter(options.namespace, options.filter, after);
      const { points } = await this.call('scroll', (client) =>
        client.scroll(this.settings.collection, {
          filter,
          limit: options.limit + 1 - collected.length,
          order_by: { key: 'created_at', direction: 'asc' },
          with_payload: true,
          with_vector: withVector,
        }),
      );
      if (points.length > 0) {
        // Complete the last timestamp's group so ties are ordered by id, as in the embedded store.
        const lastTime = Math.max(...points.map((point) => Number(point.payload?.created_at)));
        const lastGroup = await this.scrollAll(
          memoryFilter(options.namespace, options.filter, [
            { key: 'created_at', range: { gte: lastTime, lte: lastTime } },
          ]),
          withVector,
        );
        collected.push(
          ...points.filter((point) => Number(point.payload?.created_at) !== lastTime).sort(byCreation),
          ...lastGroup.sort(byCreation),
        );
      }
    }
    const page = collected.slice(0, options.limit);
    const records = page.map((point) => recordFromPayload(point.payload));
    const last = records.at(-1);
    const next = collected.length > options.limit && last ? `${last.createdAt.getTime()}:${last.id}` : null;
    return options.withVectors ? { records, vectors: page.map(denseVectorOf), next } : { records, next };
  }

  async count(namespace: string): Promise<number> {
    this.requireClient();
    const result = await this.call('count', (client) =>
      client.count(this.settings.collection, { filter: { must: [namespaceCondition(namespace)] }, exact: true }),
    );
    return result.count;
  }

  async namespaces(): Promise<string[]> {
    this.requireClient();
    const { hits } = await this.call('facet', (client) =>
      client.facet(this.settings.collection, { key: 'namespace', limit: FACET_LIMIT, exact: true }),
    );
    return hits
      .filter((hit) => hit.count > 0)
      .map((hit) => String(hit.value))
      .sort(compareIds);
  }

  async close(): Promise<void> {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
    await this.signalQueue.catch(() => undefined);
    this.outbox?.close();
    this.outbox = null;
    this.client = null;
  }

  flushOutbox(): Promise<OutboxStatus> {
    this.requireClient();
    return this.serialize(async () => {
      await this.replayOutbox(true);
      return this.outboxStatus();
    });
  }

  outboxStatus(): OutboxStatus {
    return { pending: this.outbox?.size ?? 0, rejected: this.outbox?.rejected ?? 0 };
  }

  /** Queued updates dropped on replay because their memory was not there (see {@link DroppedUpdate}). */
  droppedUpdates(): DroppedUpdate[] {
    return this.outbox?.dropped() ?? [];
  }

  /** Refuses (typed, nothing written) an insert holding an id that exists already. */
  private async refuseExisting(memories: readonly StoredMemory[]): Promise<void> {
    const existing = await this.retrieve(
      memories.map((memory) => memory.record.id),
      ['id'],
    );
    if (existing.length > 0) {
      const id = String(existing[0]!.payload?.id);
      throw new InvalidInputError(`Memory id "${id}" exists already; nothing was written.`, [
        { path: 'id', message: 'id exists already' },
      ]);
    }
  }

  private async upsertPoints(points: readonly QdrantSchemas['PointStruct'][]): Promise<void> {
    for (const chunk of chunks(points, POINTS_PER_REQUEST))
      await this.call('upsert', (client) => client.upsert(this.settings.collection, { wait: true, points: chunk }));
  }

  /**
   * Replays a queued insert: points that already hold its write id landed before (an answer was
   * lost) and are skipped; an id held by any other point refuses the entry (typed, not transient,
   * so it is set aside as rejected); the rest are upserted.
   */
  private async replayInsert(points: readonly QdrantSchemas['PointStruct'][], writeId: string): Promise<void> {
    const ids = points.map((point) => String(point.payload?.id));
    const landed = new Set<string>();
    for (const point of await this.retrieve(ids, ['id', SIGNAL_WRITES_FIELD])) {
      const id = String(point.payload?.id);
      if (!signalWritesOf(point).includes(writeId))
        throw new InvalidInputError(
          `Queued memory id "${id}" exists already in Qdrant; the queued insert was not written.`,
          [{ path: 'id', message: 'id exists already' }],
        );
      landed.add(id);
    }
    await this.upsertPoints(points.filter((point) => !landed.has(String(point.payload?.id))));
  }

  /** Creates the collection, its vectors and payload indexes on first use; checks the embedder always. */
  private async bootstrap(context: StoreOpenContext): Promise<void> {
    const name = this.settings.collection;
    const { exists } = await this.call('collectionExists', (client) => client.collectionExists(name));
    if (!exists) {
      await this.call('createCollection', async (client) => {
        try {
          await client.createCollection(name, collectionConfig(context.dimensions));
        } catch (error) {
          // Another process created it between our check and our request: fine.
          if ((error as { status?: number }).status !== 409) throw error;
        }
      });
    }
    const [metaPoint] = await this.call('retrieve', (client) =>
      client.retrieve(name, { ids: [COLLECTION_META_POINT_ID], with_payload: true }),
    );
    let meta = metaPoint?.payload?.resonant as CollectionMeta | undefined;
    if (!meta) {
      const { count } = await this.call('count', (client) => client.count(name, { exact: true }));
      if (count > 0)
        throw new StoreFailureError(
          `Qdrant collection "${name}" holds points but was not created by Resonant; choose another collection.`,
        );
      for (const index of PAYLOAD_INDEXES)
        await this.call('createPayloadIndex', (client) => client.createPayloadIndex(name, { ...index, wait: true }));
      meta = { embedder_id: context.embedderId, dimensions: context.dimensions, schema_version: QDRANT_SCHEMA_VERSION };
      // A zero vector with no namespace: no namespace filter and no similarity threshold ever lets it through.
      const metaRecord = {
        id: COLLECTION_META_POINT_ID,
        vector: { [DENSE_VECTOR_NAME]: new Array<number>(context.dimensions).fill(0) },
        payload: { resonant: meta },
      };
      await this.call('upsert', (client) => client.upsert(name, { wait: true, points: [metaRecord] }));
    }
    if (meta.embedder_id !== context.embedderId || meta.dimensions !== context.dimensions) {
      throw new EmbedderMismatchError(
        `Qdrant collection "${name}" was built with embedder "${meta.embedder_id}" (${meta.dimensions} dimensions), not "${context.embedderId}" (${context.dimensions}); ` +
          'open it with the same embedder, or export and re-import into another collection.',
      );
    }
    if (meta.schema_version < QDRANT_SCHEMA_VERSION) {
      throw new StoreFailureError(
        `Qdrant collection "${name}" has Resonant schema ${meta.schema_version}, whose points lack the search terms this Resonant scores (schema ${QDRANT_SCHEMA_VERSION}); ` +
          'export it with the Resonant that wrote it and import the file into a new collection.',
      );
    }
    if (meta.schema_version > QDRANT_SCHEMA_VERSION) {
      throw new StoreFailureError(
        `Qdrant collection "${name}" has Resonant schema ${meta.schema_version}, newer than this Resonant (${QDRANT_SCHEMA_VERSION}); upgrade @resonant/core.`,
      );
    }
  }

  /**
   * Reads the signals of the points, applies the updates in memory, writes only what changed, each
   * point's change together with `writeId`. Points that hold `writeId` already took this write (a
   * replay after a lost answer) and are left as they are, so no update is ever applied twice.
   */
  private async applyUpdates(namespace: string, updates: readonly SignalUpdate[], writeId: string): Promise<string[]> {
    const points = await this.retrieve(
      updates.map((update) => update.id),
      ['id', 'namespace', ...SIGNAL_PAYLOAD_FIELDS, SIGNAL_WRITES_FIELD],
    );
    const found = new Map(
      points
        .filter((point) => point.payload?.namespace === namespace)
        .map((point) => [String(point.payload?.id), point]),
    );
    const byId = new Map<string, SignalUpdate[]>();
    for (const update of updates)
      if (found.has(update.id)) byId.set(update.id, [...(byId.get(update.id) ?? []), update]);
    const changes: SignalChange[] = [...byId].flatMap(([id, own]) => {
      const point = found.get(id)!;
      const writes = signalWritesOf(point);
      if (writes.includes(writeId)) return [];
      const before = Object.fromEntries(
        SIGNAL_PAYLOAD_FIELDS.map((field) => [field, Number(point.payload?.[field])]),
      ) as SignalPayload;
      return [
        { pointId: String(point.id), before, after: applySignalUpdates(before, own), writes: [...writes, writeId] },
      ];
    });
    for (const operations of chunks(signalPayloadOperations(namespace, changes), OPERATIONS_PER_BATCH)) {
      await this.call('batchUpdate', (client) =>
        client.batchUpdate(this.settings.collection, { wait: true, operations }),
      );
    }
    return [...byId.keys()];
  }

  private enqueue(namespace: string, updates: readonly SignalUpdate[], writeId: string): SignalUpdateReport {
    this.outbox!.append(namespace, updates, writeId);
    this.scheduleReplay();
    return { applied: [], queued: [...new Set(updates.map((update) => update.id))] };
  }

  /**
   * Replays queued feedback oldest first; true when the outbox is empty afterwards. Without `force`,
   * waits `outboxRetryMs` after a failure before trying again, so a down server costs one attempt.
   */
  private async replayOutbox(force: boolean): Promise<boolean> {
    const outbox = this.outbox;
    if (!outbox) return false;
    if (!force && this.now() - this.lastOutboxFailure < this.settings.outboxRetryMs) return outbox.size === 0;
    for (let entry = outbox.first(); entry; entry = outbox.first()) {
      try {
        if (entry.inserts) {
          await this.replayInsert(entry.inserts, entry.writeId);
          outbox.remove(entry.sequence);
        } else {
          // Ids were not checked when the batch was queued: the ones not there now are dropped, and recorded.
          const applied = new Set(await this.applyUpdates(entry.namespace, entry.updates, entry.writeId));
          const missing = [...new Set(entry.updates.map((update) => update.id))].filter((id) => !applied.has(id));
          outbox.removeDropping(entry, missing);
        }
      } catch (error) {
        if (isTransientFailure(error)) {
          this.lastOutboxFailure = this.now();
          this.scheduleReplay();
          return false;
        }
        outbox.reject(entry.sequence, (error as Error).message);
      }
    }
    return true;
  }

  private scheduleReplay(): void {
    if (this.replayTimer || !this.outbox) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      if (this.outbox) void this.serialize(() => this.replayOutbox(true)).catch(() => undefined);
    }, this.settings.outboxRetryMs);
    this.replayTimer.unref?.();
  }

  private serialize<T>(step: () => Promise<T>): Promise<T> {
    const result = this.signalQueue.then(step, step);
    this.signalQueue = result.catch(() => undefined);
    return result;
  }

  /** Points by memory id, in any order, missing ones left out; the payload fields asked for. */
  private async retrieve(ids: readonly string[], withPayload: true | string[]): Promise<Point[]> {
    const points: Point[] = [];
    for (const chunk of chunks([...new Set(ids)], POINTS_PER_REQUEST)) {
      const found = await this.call('retrieve', (client) =>
        client.retrieve(this.settings.collection, {
          ids: chunk.map(pointIdFor),
          with_payload: withPayload,
          with_vector: false,
        }),
      );
      points.push(...found.filter((point) => point.payload?.id !== undefined));
    }
    return points;
  }

  private async scrollAll(
    filter: QdrantSchemas['Filter'],
    withVector: string[] | false,
    withPayload: true | string[] = true,
  ): Promise<Point[]> {
    const points: Point[] = [];
    let offset: QdrantSchemas['ExtendedPointId'] | undefined;
    do {
      const page = await this.call('scroll', (client) =>
        client.scroll(this.settings.collection, {
          filter,
          limit: SCROLL_PAGE,
          offset,
          with_payload: withPayload,
          with_vector: withVector,
        }),
      );
      points.push(...page.points);
      offset =
        page.next_page_offset === null || page.next_page_offset === undefined
          ? undefined
          : (page.next_page_offset as QdrantSchemas['ExtendedPointId']);
    } while (offset !== undefined);
    return points;
  }

  /**
   * Runs one client call with retries, its answer checked for the shape the store relies on;
   * failures become `StoreFailureError` (cause kept).
   */
  private async call<T>(what: keyof QdrantApi, step: (client: QdrantApi) => Promise<T>): Promise<T> {
    const client = this.requireClient();
    try {
      return await withRetries(
        async () => checkQdrantResponse(what, await step(client)),
        this.settings.retry,
        this.runtime.sleep,
      );
    } catch (error) {
      if (ResonantError.isInstance(error)) throw error;
      const tries = isTransientQdrantError(error) ? ` after ${this.settings.retry.retries + 1} tries` : '';
      throw new StoreFailureError(
        `Qdrant ${what} on "${this.settings.collection}" at ${this.settings.location} failed${tries}: ${describeError(error)}`,
        { cause: error, transient: isTransientQdrantError(error) },
      );
    }
  }

  private requireClient(): QdrantApi {
    if (!this.client) throw new StoreFailureError('The Qdrant store is not open.');
    return this.client;
  }

  private now(): number {
    return (this.runtime.now ?? Date.now)();
  }
}

/** The point with its write id as its first `signal_writes` entry (so a replay can tell it landed). */
function pointWithWrite(point: QdrantSchemas['PointStruct'], writeId: string): QdrantSchemas['PointStruct'] {
  return { ...point, payload: { ...point.payload, [SIGNAL_WRITES_FIELD]: [writeId] } };
}

function signalWritesOf(point: Point): string[] {
  const writes = point.payload?.[SIGNAL_WRITES_FIELD];
  return Array.isArray(writes) ? writes.filter((write): write is string => typeof write === 'string') : [];
}

function isTransientFailure(error: unknown): boolean {
  return error instanceof StoreFailureError && isTransientQdrantError(error.cause);
}

function describeError(error: unknown): string {
  const { message, status, data } = (error ?? {}) as {
    message?: string;
    status?: number;
    data?: { status?: { error?: string } };
  };
  const detail = data?.status?.error;
  if ((error as { name?: unknown } | null)?.name === 'SyntaxError') return `malformed JSON in the answer: ${message}`;
  return [status === undefined ? '' : `HTTP ${status}`, detail ?? message ?? String(error)].filter(Boolean).join(' ');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** The payload fields a candidate's facts come from. */
const FACT_FIELDS = ['id', 'namespace', 'kind', 'created_at', 'archived_at'] as const;

function factsOf(point: Point): TimelineEntry {
  const payload = point.payload ?? {};
  return {
    id: String(payload.id),
    kind: payload.kind as MemoryKind,
    createdAt: Number(payload.created_at),
    archived: payload.archived_at !== null && payload.archived_at !== undefined,
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders ids as SQLite's BINARY collation does (UTF-8 bytes), so both stores page alike. */
function compareIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function byCreation(a: Point, b: Point): number {
  return (
    Number(a.payload?.created_at) - Number(b.payload?.created_at) ||
    compareIds(String(a.payload?.id), String(b.payload?.id))
  );
}

function parseCursor(cursor: string | null | undefined): [number, string] {
  if (!cursor) return [Number.NEGATIVE_INFINITY, ''];
  const separator = cursor.indexOf(':');
  const time = Number(cursor.slice(0, separator));
  if (separator < 0 || !Number.isFinite(time))
    throw new InvalidInputError(`Invalid page cursor: ${cursor}`, [
      { path: 'after', message: 'not a cursor from list()' },
    ]);
  return [time, cursor.slice(separator + 1)];
}
