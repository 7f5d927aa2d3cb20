import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResonantError, type Memory, type SqliteStore } from '@resonant/core';
import { HttpError } from './http-error.js';
import { loadInspectorAssets } from './inspector-assets.js';
import type { InspectorRequest } from './inspector-request.js';
import { isLocalRequest } from './local-request.js';
import {
  contextRoute,
  drillDownRoute,
  entitiesRoute,
  entityRoute,
  feedbackRoute,
  memoriesRoute,
  overviewRoute,
  personaRoute,
  recallRoute,
  summariesRoute,
} from './read-routes.js';
import { RetrievalSimulations } from './retrieval-simulations.js';
import { replayRoute, resetRoute, retrieveRoute } from './simulation-routes.js';
import { applyFeedbackRoute, consolidateRoute, rememberRoute } from './write-routes.js';

/** Options of {@link serveInspector}. */
export interface ServeInspectorOptions {
  memory: Memory;
  store: SqliteStore;
  /** The store file, as shown on the page. */
  path: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Serve the routes that change the store (remember, feedback, consolidate). */
  write: boolean;
}

/** A running inspector. */
export interface Inspector {
  url: string;
  close(): Promise<void>;
}

type Route = (request: InspectorRequest) => Promise<unknown>;

const READ_ROUTES: Readonly<Record<string, Route>> = {
  '/api/overview': overviewRoute,
  '/api/memories': memoriesRoute,
  '/api/recall': recallRoute,
  '/api/context': contextRoute,
  '/api/summaries': summariesRoute,
  '/api/drill-down': drillDownRoute,
  '/api/entities': entitiesRoute,
  '/api/entity': entityRoute,
  '/api/feedback': feedbackRoute,
  '/api/persona': personaRoute,
  '/api/simulation/replay': replayRoute,
};

// Simulation posts write only the in-memory sandbox; the others need --write.
const SIMULATION_ROUTES: Readonly<Record<string, Route>> = {
  '/api/simulation/retrieve': retrieveRoute,
  '/api/simulation/reset': resetRoute,
};
const WRITE_ROUTES: Readonly<Record<string, Route>> = {
  '/api/remember': rememberRoute,
  '/api/apply-feedback': applyFeedbackRoute,
  '/api/consolidate': consolidateRoute,
};

const MAX_BODY_BYTES = 256 * 1024;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the memory inspector on 127.0.0.1: the page (from the package's own files) and a JSON API
 * over the open memory. Requests whose Host or Origin is not this server are refused (DNS
 * rebinding, other sites); posts must be JSON from the page itself.
 */
export async function serveInspector(options: ServeInspectorOptions): Promise<Inspector> {
  const assets = loadInspectorAssets();
  const simulations = new RetrievalSimulations(options.memory);
  let port = options.port;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLocalRequest(request.headers, port))
      return send(response, 403, { error: 'this inspector answers only its own page on 127.0.0.1' });
    const url = new URL(request.url ?? '/', 'http://inspector.invalid');
    if (request.method === 'GET' || request.method === 'HEAD') {
      const asset = assets.get(url.pathname);
      if (asset) {
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': asset.contentType,
          'content-length': asset.body.length,
        });
        response.end(request.method === 'HEAD' ? undefined : asset.body);
        return;
      }
      const route = Object.hasOwn(READ_ROUTES, url.pathname) ? READ_ROUTES[url.pathname] : undefined;
      if (!route) return send(response, 404, { error: 'not found' });
      return answer(response, route, url.searchParams, async () => ({}));
    }
    if (request.method === 'POST') {
      const simulation = Object.hasOwn(SIMULATION_ROUTES, url.pathname) ? SIMULATION_ROUTES[url.pathname] : undefined;
      const write = Object.hasOwn(WRITE_ROUTES, url.pathname) ? WRITE_ROUTES[url.pathname] : undefined;
      if (!simulation && !write) return send(response, 404, { error: 'not found' });
      if (write && !options.write)
        return send(response, 403, { error: 'the inspector is read-only: start it with resonant inspect --write' });
      if (!request.headers['content-type']?.startsWith('application/json'))
        return send(response, 415, { error: 'send JSON (content-type: application/json)' });
      return answer(response, (simulation ?? write)!, url.searchParams, () => readJson(request));
    }
    response.setHeader('allow', 'GET, HEAD, POST');
    return send(response, 405, { error: 'method not allowed' });
  }

  async function answer(
    response: ServerResponse,
    route: Route,
    query: URLSearchParams,
    readBody: () => Promise<Record<string, unknown>>,
  ): Promise<void> {
    try {
      const body = await readBody();
      const result = await route({
        memory: options.memory,
        store: options.store,
        path: options.path,
        write: options.write,
        simulations,
        query,
        body,
        now: new Date(),
      });
      send(response, 200, result);
    } catch (error) {
      if (error instanceof HttpError) return send(response, error.status, { error: error.message });
      if (ResonantError.isInstance(error))
        return send(response, error.code === 'invalid_input' || error.code === 'not_found' ? 400 : 500, {
          error: `${error.code}: ${error.message}`,
        });
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulations.close();
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the body is not a JSON object');
  }
}
