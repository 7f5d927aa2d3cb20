import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemory } from '../../memory/create-memory.js';
import { qdrantStore } from './qdrant-store.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('qdrantStore', () => {
  it('validates its options at the boundary', () => {
    expect(() => qdrantStore({ url: 'ftp://example.test' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => qdrantStore({ collection: 'no spaces please' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => qdrantStore({ retries: -1 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => qdrantStore({ unknown: true } as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('is accepted by createMemory, and fails to open with a typed error when no server answers', async () => {
    const store = qdrantStore({
      url: `http://127.0.0.1:${await closedPort()}`,
      retries: 1,
      retryDelayMs: 1,
      outboxPath: join(tmpdir(), 'resonant-unused-outbox.db'),
    });
    const error = await createMemory({ store }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'store_failure' });
    expect((error as Error).message).toMatch(/collectionExists .* failed after 2 tries/);
    await expect(store.count('user:a')).rejects.toMatchObject({
      code: 'store_failure',
      message: 'The Qdrant store is not open.',
    });
  });

  it('keeps the client package out of the static import graph (it is an optional peer)', () => {
    const directory = new URL('.', import.meta.url).pathname;
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
      for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
        if (!line.includes("'@qdrant/js-client-rest'")) continue;
        expect(
          line.trimStart().startsWith('import type ') ||
            line.includes("await import('@qdrant/js-client-rest')") ||
            line.includes('typeof import('),
        ).toBe(true);
      }
    }
  });
});
