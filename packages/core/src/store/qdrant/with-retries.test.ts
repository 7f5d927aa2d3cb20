import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QdrantClient } from '@qdrant/js-client-rest';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransientQdrantError, withRetries } from './with-retries.js';

// The real client against a local stub endpoint that answers fixed statuses (not a Qdrant server):
// checks that the errors the client really throws are classified as we assume.

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function stub(statuses: number[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_request, response) => {
    const status = statuses[Math.min(hits++, statuses.length - 1)]!;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        status === 200
          ? { result: { count: 7 }, status: 'ok', time: 0 }
          : { status: { error: `stub ${status}` }, time: 0 },
      ),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, hits: () => hits };
}

const policy = { retries: 3, initialDelayMs: 1, maxDelayMs: 5 };

describe('retries against the real client', () => {
  it('retries 503 until the endpoint answers', async () => {
    const endpoint = await stub([503, 503, 200]);
    const client = new QdrantClient({ url: endpoint.url, checkCompatibility: false });
    expect(await withRetries(() => client.count('memories', {}), policy)).toEqual({ count: 7 });
    expect(endpoint.hits()).toBe(3);
  });

  it('does not retry 400 or 404', async () => {
    for (const status of [400, 404]) {
      const endpoint = await stub([status, 200]);
      const client = new QdrantClient({ url: endpoint.url, checkCompatibility: false });
      const error = await withRetries(() => client.count('memories', {}), policy).catch((caught: unknown) => caught);
      expect(isTransientQdrantError(error)).toBe(false);
      expect((error as { status?: number }).status).toBe(status);
      expect(endpoint.hits()).toBe(1);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('treats a refused connection and a client timeout as transient', async () => {
    const endpoint = await stub([200]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refused = await new QdrantClient({ url: endpoint.url, checkCompatibility: false })
      .count('memories', {})
      .catch((caught: unknown) => caught);
    expect(isTransientQdrantError(refused)).toBe(true);

    server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const slow = new QdrantClient({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeout: 50,
      checkCompatibility: false,
    });
    const timeout = await slow.count('memories', {}).catch((caught: unknown) => caught);
    expect((timeout as Error).name).toBe('QdrantClientTimeoutError');
    expect(isTransientQdrantError(timeout)).toBe(true);
    server.closeAllConnections();
  });

  it('honours a retry-after and caps every wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1)
          throw Object.assign(new Error('slow down'), { name: 'QdrantClientResourceExhaustedError', retry_after: 2 });
        if (calls === 2) throw Object.assign(new Error('boom'), { status: 500 });
        return 'ok';
      },
      { retries: 3, initialDelayMs: 100, maxDelayMs: 1_000 },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1_000, 200]);
  });
});
