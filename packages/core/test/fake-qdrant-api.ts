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

type Point = { id: string; vector: unknown; payload: Record<string, unknown> };

/**
 * A scripted stand-in for the Qdrant client, for unit tests of the store's own logic (request
 * building, retries, the outbox, the scoring it does itself). It keeps points in a Map and
 * understands only what the store sends: the conditions (match value / any, is_null, range,
 * has_id, nested filters), scrolls, counts, facets, nearest dense queries (exact dot product) and
 * ordered queries. It is NOT a Qdrant server and proves nothing about one.
 */
export class FakeQdrantApi implements Api {
  readonly calls: RecordedCall[] = [];
  readonly points = new Map<string, Point>();
  collectionCreated = false;
  /** While true every call fails as undici does when nothing listens on the port. */
  down = false;
  /** Errors thrown by the next calls, one each, before `down` is looked at. */
  readonly failures: unknown[] = [];

  private enter(method: keyof Api, collection: string, request: unknown): void {
    this.calls.push({ method, collection, request: structuredClone(request) });
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    if (this.down)
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6333'), { code: 'ECONNREFUSED' }),
      });
  }

  callsOf(method: keyof Api): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async collectionExists(collection: string): ReturnType<Api['collectionExists']> {
    this.enter('collectionExists', collection, {});
    return { exists: this.collectionCreated };
  }

  async createCollection(
    collection: string,
    request: Parameters<Api['createCollection']>[1],
  ): ReturnType<Api['createCollection']> {
    this.enter('createCollection', collection, request);
    this.collectionCreated = true;
    return true;
  }

  async createPayloadIndex(
    collection: string,
    request: Parameters<Api['createPayloadIndex']>[1],
  ): ReturnType<Api['createPayloadIndex']> {
    this.enter('createPayloadIndex', collection, request);
    return { status: 'completed' };
  }

  async upsert(collection: string, request: Parameters<Api['upsert']>[1]): ReturnType<Api['upsert']> {
    this.enter('upsert', collection, request);
    for (const point of (request as Schemas['PointsList']).points)
      this.points.set(String(point.id), {
        id: String(point.id),
        vector: point.vector,
        payload: { ...(point.payload ?? {}) },
      });
    return { status: 'completed' };
  }

  async retrieve(collection: string, request: Parameters<Api['retrieve']>[1]): ReturnType<Api['retrieve']> {
    this.enter('retrieve', collection, request);
    return request.ids.flatMap((id) => {
      const point = this.points.get(String(id));
      if (!point) return [];
      return [this.shaped(point, request.with_payload, request.with_vector)];
    });
  }

  async batchUpdate(collection: string, request: Parameters<Api['batchUpdate']>[1]): ReturnType<Api['batchUpdate']> {
    this.enter('batchUpdate', collection, request);
    for (const operation of request.operations) {
      if (!('set_payload' in operation)) throw new Error('FakeQdrantApi: only set_payload operations are scripted');
      for (const point of this.matching(operation.set_payload.filter as Schemas['Filter']))
        Object.assign(point.payload, operation.set_payload.payload);
    }
    return request.operations.map(() => ({ status: 'completed' as const }));
  }

  async delete(collection: string, request: Parameters<Api['delete']>[1]): ReturnType<Api['delete']> {
    this.enter('delete', collection, request);
    const selector = request as { filter?: Schemas['Filter']; points?: Schemas['ExtendedPointId'][] };
    const doomed = selector.filter
      ? this.matching(selector.filter)
      : (selector.points ?? []).flatMap((id) => this.points.get(String(id)) ?? []);
    for (const point of doomed) this.points.delete(point.id);
    return { status: 'completed' };
  }

  async count(collection: string, request?: Parameters<Api['count']>[1]): ReturnType<Api['count']> {
    this.enter('count', collection, request ?? {});
    return { count: request?.filter ? this.matching(request.filter as Schemas['Filter']).length : this.points.size };
  }

  async query(collection: string, request: Parameters<Api['query']>[1]): ReturnType<Api['query']> {
    this.enter('query', collection, request);
    return this.answer(request);
  }

  async queryBatch(collection: string, request: Parameters<Api['queryBatch']>[1]): ReturnType<Api['queryBatch']> {
    this.enter('queryBatch', collection, request);
    return request.searches.map((search) => this.answer(search));
  }

  async scroll(collection: string, request?: Parameters<Api['scroll']>[1]): ReturnType<Api['scroll']> {
    this.enter('scroll', collection, request ?? {});
    const matching = request?.filter ? this.matching(request.filter as Schemas['Filter']) : [...this.points.values()];
    const start =
      request?.offset === undefined || request.offset === null
        ? 0
        : matching.findIndex((point) => point.id === String(request.offset));
    const limit = request?.limit ?? 10;
    const page = request?.order_by
      ? this.ordered(matching, request.order_by as Schemas['OrderBy']).slice(0, limit)
      : matching.slice(start, start + limit);
    const next = request?.order_by ? null : (matching[start + limit]?.id ?? null);
    return {
      points: page.map((point) => this.shaped(point, request?.with_payload, request?.with_vector)),
      next_page_offset: next,
    };
  }

  async facet(collection: string, request: Parameters<Api['facet']>[1]): ReturnType<Api['facet']> {
    this.enter('facet', collection, request);
    const counts = new Map<string | number | boolean, number>();
    for (const point of request.filter ? this.matching(request.filter as Schemas['Filter']) : this.points.values()) {
      const values = ([] as unknown[]).concat(point.payload[request.key] ?? []);
      for (const value of new Set(values))
        counts.set(value as string | number, (counts.get(value as string | number) ?? 0) + 1);
    }
    return { hits: [...counts].map(([value, count]) => ({ value, count })).slice(0, request.limit ?? 10) };
  }

  /** A nearest-vector query (exact dot product over the named dense vector) or an ordered one. */
  private answer(request: Schemas['QueryRequest']): Schemas['QueryResponse'] {
    const matching = request.filter ? this.matching(request.filter as Schemas['Filter']) : [...this.points.values()];
    const limit = request.limit ?? 10;
    const query = request.query as { order_by?: Schemas['OrderBy'] } | number[] | undefined;
    if (Array.isArray(query)) {
      const using = request.using ?? '';
      const scored = matching
        .flatMap((point) => {
          const vector = (point.vector as Record<string, number[]> | undefined)?.[using];
          return vector ? [{ point, score: vector.reduce((sum, value, i) => sum + value * (query[i] ?? 0), 0) }] : [];
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return {
        points: scored.map(({ point, score }) => ({
          ...this.shaped(point, request.with_payload, request.with_vector),
          score,
          version: 0,
        })),
      };
    }
    if (query?.order_by)
      return {
        points: this.ordered(matching, query.order_by)
          .slice(0, limit)
          .map((point) => ({ ...this.shaped(point, request.with_payload, request.with_vector), score: 0, version: 0 })),
      };
    throw new Error(`FakeQdrantApi: query not scripted: ${JSON.stringify(request.query)}`);
  }

  private ordered(points: Point[], orderBy: Schemas['OrderBy'] | string): Point[] {
    const { key, direction } = typeof orderBy === 'string' ? { key: orderBy, direction: 'asc' } : orderBy;
    const sign = direction === 'desc' ? -1 : 1;
    return [...points].sort((a, b) => sign * (Number(a.payload[key]) - Number(b.payload[key])));
  }

  private shaped(
    point: Point,
    withPayload: unknown,
    withVector: unknown,
  ): { id: string; payload: Record<string, unknown>; vector?: Record<string, unknown> } {
    const payload = Array.isArray(withPayload)
      ? Object.fromEntries(
          withPayload.filter((key: string) => key in point.payload).map((key: string) => [key, point.payload[key]]),
        )
      : withPayload === false
        ? {}
        : { ...point.payload };
    if (!withVector) return { id: point.id, payload };
    const vectors = point.vector as Record<string, unknown>;
    return {
      id: point.id,
      payload,
      vector: Array.isArray(withVector)
        ? Object.fromEntries(withVector.map((name: string) => [name, vectors[name]]))
        : { ...vectors },
    };
  }

  /** Points matching a filter: every `must`, at least one `should` (when given), no `must_not`. */
  private matching(filter: Schemas['Filter']): Point[] {
    return [...this.points.values()].filter((point) => this.matches(point, filter));
  }

  private matches(point: Point, filter: Schemas['Filter']): boolean {
    const list = (conditions: unknown) =>
      ([] as Condition[]).concat((conditions as Condition | Condition[] | null | undefined) ?? []);
    const should = list(filter.should);
    return (
      list(filter.must).every((condition) => this.holds(point, condition)) &&
      (should.length === 0 || should.some((condition) => this.holds(point, condition))) &&
      !list(filter.must_not).some((condition) => this.holds(point, condition))
    );
  }

  private holds(point: Point, condition: Condition): boolean {
    if ('has_id' in condition) return condition.has_id.map(String).includes(point.id);
    if ('is_null' in condition) return point.payload[(condition.is_null as { key: string }).key] === null;
    if ('must' in condition || 'should' in condition || 'must_not' in condition)
      return this.matches(point, condition as Schemas['Filter']);
    if ('key' in condition) {
      const values = ([] as unknown[]).concat(point.payload[condition.key] ?? []);
      if (condition.match && 'value' in condition.match) return values.includes(condition.match.value);
      if (condition.match && 'any' in condition.match)
        return values.some((value) => (condition.match as { any: unknown[] }).any.includes(value));
      if (condition.range) {
        const { gt, gte, lt, lte } = condition.range as Schemas['Range'];
        return values.some((value) => {
          const n = Number(value);
          return (
            (gt == null || n > gt) && (gte == null || n >= gte) && (lt == null || n < lt) && (lte == null || n <= lte)
          );
        });
      }
    }
    throw new Error(`FakeQdrantApi: condition not scripted: ${JSON.stringify(condition)}`);
  }
}
