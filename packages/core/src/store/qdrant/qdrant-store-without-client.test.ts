import { describe, expect, it, vi } from 'vitest';
import { qdrantStore } from './qdrant-store.js';

// As if the optional peer were not installed: loading it fails.
vi.mock('@qdrant/js-client-rest', () => {
  throw new Error("Cannot find package '@qdrant/js-client-rest'");
});

describe('qdrantStore without @qdrant/js-client-rest', () => {
  it('can be created, and says what to install when it opens', async () => {
    const store = qdrantStore();
    const error = await store.open({ embedderId: 'e', dimensions: 4 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'capability_missing' });
    expect((error as Error).message).toContain('install it');
  });
});
