import type { Schemas } from '@qdrant/js-client-rest';
import type { QdrantApi } from '../src/store/qdrant/qdrant-api.js';

type Api = QdrantApi;
type Condition = Schemas['Condition'];

/** One call the store made, with the request exactly as it was handed to the client. */
export interface RecordedCall {
  method: keyof Api;
  collection: string;
  request: unknown;
}

/**
 * A scripted stand-in for the Qdrant client, for unit tests of the store's own logic (request
 * building, retries, the outbox). It keeps points in a Map and understands only the conditions the
 * store sends (namespace match, has_id); it is NOT a Qdrant server and proves nothing about one.
 */
export class FakeQdrantApi implements Api {
  readonly calls: RecordedCall[] = [];
  readonly points = new Map<string, { id: string; vector: unknown; payload: Record<string, unknown> }>();
  collectionCreated = false;
  /** While true every call fails as undici does when nothing listens on the port. */
  down = false;
  /** Errors thrown by the next calls, one each, before `down` is looked at. */
  readonly failures: unknown[] = [];

  private enter(method: keyof Api, collection: string, request: unknown): void {
    this.calls.push({ method, collection, request: structuredClone(request) });
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    if (this.down) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6333'), { code: 'ECONNREFUSED' }) });
  }

  callsOf(method: keyof Api): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async collectionExists(collection: string): ReturnType<Api['collectionExists']> {
    this.enter('collectionExists', collection, {});
    return { exists: this.collectionCreated };
  }

  async createCollection(collection: string, request: Parameters<Api['createCollection']>[1]): ReturnType<Api['createCollection']> {
    this.enter('createCollection', collection, request);
    this.collectionCreated = true;
    return true;
  }

  async createPayloadIndex(collection: string, request: Parameters<Api['createPayloadIndex']>[1]): ReturnType<Api['createPayloadIndex']> {
    this.enter('createPayloadIndex', collection, request);
    return { status: 'completed' };
  }

  async upsert(collection: string, request: Parameters<Api['upsert']>[1]): ReturnType<Api['upsert']> {
    this.enter('upsert', collection, request);
    for (const point of (request as Schemas['PointsList']).points) this.points.set(String(point.id), { id: String(point.id), vector: point.vector, payload: { ...(point.payload ?? {}) } });
    return { status: 'completed' };
  }

  async retrieve(collection: string, request: Parameters<Api['retrieve']>[1]): ReturnType<Api['retrieve']> {
    this.enter('retrieve', collection, request);
    return request.ids.flatMap((id) => {
      const point = this.points.get(String(id));
      if (!point) return [];
      const selected = Array.isArray(request.with_payload) ? Object.fromEntries(request.with_payload.filter((key) => key in point.payload).map((key) => [key, point.payload[key]])) : { ...point.payload };
      return [{ id: point.id, payload: selected }];
    });
  }

  async batchUpdate(collection: string, request: Parameters<Api['batchUpdate']>[1]): ReturnType<Api['batchUpdate']> {
    this.enter('batchUpdate', collection, request);
    for (const operation of request.operations) {
      if (!('set_payload' in operation)) throw new Error('FakeQdrantApi: only set_payload operations are scripted');
      for (const point of this.matching(operation.set_payload.filter as Schemas['Filter'])) Object.assign(point.payload, operation.set_payload.payload);
    }
    return request.operations.map(() => ({ status: 'completed' as const }));
  }

  async delete(collection: string, request: Parameters<Api['delete']>[1]): ReturnType<Api['delete']> {
    this.enter('delete', collection, request);
    const selector = request as { filter?: Schemas['Filter']; points?: Schemas['ExtendedPointId'][] };
    const doomed = selector.filter ? this.matching(selector.filter) : (selector.points ?? []).flatMap((id) => this.points.get(String(id)) ?? []);
    for (const point of doomed) this.points.delete(point.id);
    return { status: 'completed' };
  }

  async count(collection: string, request?: Parameters<Api['count']>[1]): ReturnType<Api['count']> {
    this.enter('count', collection, request ?? {});
    return { count: request?.filter ? this.matching(request.filter as Schemas['Filter']).length : this.points.size };
  }

  async query(collection: string, request: Parameters<Api['query']>[1]): ReturnType<Api['query']> {
    this.enter('query', collection, request);
    return { points: [] };
  }

  async queryBatch(collection: string, request: Parameters<Api['queryBatch']>[1]): ReturnType<Api['queryBatch']> {
    this.enter('queryBatch', collection, request);
    return request.searches.map(() => ({ points: [] }));
  }

  async scroll(collection: string, request?: Parameters<Api['scroll']>[1]): ReturnType<Api['scroll']> {
    this.enter('scroll', collection, request ?? {});
    return { points: [], next_page_offset: null };
  }

  async facet(collection: string, request: Parameters<Api['facet']>[1]): ReturnType<Api['facet']> {
    this.enter('facet', collection, request);
    return { hits: [] };
  }

  /** Points matching every `must` condition the store uses: namespace match and has_id. */
  private matching(filter: Schemas['Filter']): { id: string; vector: unknown; payload: Record<string, unknown> }[] {
    const must = ([] as Condition[]).concat((filter.must as Condition | Condition[] | undefined) ?? []);
    return [...this.points.values()].filter((point) =>
      must.every((condition) => {
        if ('has_id' in condition) return condition.has_id.map(String).includes(point.id);
        if ('key' in condition && condition.match && 'value' in condition.match) return point.payload[condition.key] === condition.match.value;
        throw new Error(`FakeQdrantApi: condition not scripted: ${JSON.stringify(condition)}`);
      }),
    );
  }
}
