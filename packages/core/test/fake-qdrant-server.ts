import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QdrantApi } from '../src/store/qdrant/qdrant-api.js';
import { FakeQdrantApi } from './fake-qdrant-api.js';

/**
 * How the fake server misbehaves:
 * - `refused`: nothing listens on the port (the server is closed, its connections cut).
 * - `status500`: answers 500 without doing anything.
 * - `timeout`: never answers (the client's timeout has to fire).
 * - `slow`: answers correctly after `delayMs` (shorter than the client's timeout).
 * - `malformed`: answers 200 with a body that is not JSON (`invalidJson`) or JSON of the wrong shape.
 * `timeout` and `malformed` can do the work first (`applyFirst`): the write lands, its answer is lost.
 */
export type FakeQdrantFault =
  | { mode: 'refused' }
  | { mode: 'status500' }
  | { mode: 'timeout'; applyFirst?: boolean }
  | { mode: 'slow'; delayMs: number }
  | { mode: 'malformed'; body: 'invalidJson' | 'wrongShape'; applyFirst?: boolean };

/** Which requests a fault hits: every one, or only these client methods (`batchUpdate`, `upsert`…). */
export interface FaultScope {
  readonly only?: readonly (keyof QdrantApi)[];
}

interface Route {
  method: keyof QdrantApi;
  http: string;
  pattern: RegExp;
}

// The REST paths @qdrant/js-client-rest sends for the calls the store makes (Qdrant's documented API).
const ROUTES: Route[] = [
  { method: 'collectionExists', http: 'GET', pattern: /^\/collections\/([^/]+)\/exists$/ },
  { method: 'createCollection', http: 'PUT', pattern: /^\/collections\/([^/]+)$/ },
  { method: 'createPayloadIndex', http: 'PUT', pattern: /^\/collections\/([^/]+)\/index$/ },
  { method: 'upsert', http: 'PUT', pattern: /^\/collections\/([^/]+)\/points$/ },
  { method: 'retrieve', http: 'POST', pattern: /^\/collections\/([^/]+)\/points$/ },
  { method: 'delete', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/delete$/ },
  { method: 'batchUpdate', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/batch$/ },
  { method: 'scroll', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/scroll$/ },
  { method: 'count', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/count$/ },
  { method: 'facet', http: 'POST', pattern: /^\/collections\/([^/]+)\/facet$/ },
  { method: 'query', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/query$/ },
  { method: 'queryBatch', http: 'POST', pattern: /^\/collections\/([^/]+)\/points\/query\/batch$/ },
];

/**
 * A small Qdrant REST server on 127.0.0.1 for fault tests: real HTTP, the subset of the API the
 * store calls, points kept in memory (by {@link FakeQdrantApi}), and a fault switch. It is NOT
 * Qdrant and proves nothing about one; the conformance suite runs against a real server.
 */
export class FakeQdrantServer {
  /** The points as the server holds them, whatever the client was told. */
  readonly state = new FakeQdrantApi();
  /** Requests answered or dropped, by client method. */
  readonly requests: (keyof QdrantApi)[] = [];
  private server: Server | null = null;
  private port = 0;
  private fault: { fault: FakeQdrantFault; scope: FaultScope } | null = null;
  private readonly hung = new Set<ServerResponse>();

  private constructor() {}

  static async start(): Promise<FakeQdrantServer> {
    const fake = new FakeQdrantServer();
    await fake.listen();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Misbehaves from now on (for the requests in `scope`) until {@link recover}. */
  async fail(fault: FakeQdrantFault, scope: FaultScope = {}): Promise<void> {
    this.fault = { fault, scope };
    if (fault.mode === 'refused') await this.shut();
  }

  /** Answers normally again, on the same port. */
  async recover(): Promise<void> {
    this.fault = null;
    this.releaseHung();
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    this.fault = null;
    await this.shut();
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async shut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.releaseHung();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Pooled keep-alive connections would otherwise still reach the closed server.
    server.closeAllConnections();
    await closed;
  }

  private releaseHung(): void {
    for (const response of this.hung) response.destroy();
    this.hung.clear();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = ROUTES.find((candidate) => candidate.http === request.method && candidate.pattern.test(url.pathname));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (!route) return send(response, 404, { status: { error: `no route for ${request.method} ${url.pathname}` } });
    this.requests.push(route.method);
    const collection = decodeURIComponent(route.pattern.exec(url.pathname)![1]!);
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined;
    const fault = this.fault && (this.fault.scope.only?.includes(route.method) ?? true) ? this.fault.fault : null;
    const run = () => this.dispatch(route.method, collection, body);

    if (fault?.mode === 'status500') return send(response, 500, { status: { error: 'Service Unavailable (fake)' } });
    if (fault?.mode === 'timeout') {
      if (fault.applyFirst) await run().catch(() => undefined);
      this.hung.add(response);
      response.on('close', () => this.hung.delete(response));
      return;
    }
    if (fault?.mode === 'malformed') {
      if (fault.applyFirst) await run().catch(() => undefined);
      if (fault.body === 'invalidJson') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"result": {"status": "comp');
        return;
      }
      return send(response, 200, { result: { unexpected: true }, status: 'ok', time: 0 });
    }
    if (fault?.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    try {
      send(response, 200, { result: await run(), status: 'ok', time: 0 });
    } catch (error) {
      send(response, 400, { status: { error: (error as Error).message } });
    }
  }

  private dispatch(method: keyof QdrantApi, collection: string, body: unknown): Promise<unknown> {
    const api = this.state as unknown as Record<string, (collection: string, request: unknown) => Promise<unknown>>;
    return api[method]!.call(this.state, collection, body ?? {});
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
