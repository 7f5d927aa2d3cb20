import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, describe, it } from 'vitest';
import { runStoreConformanceTests } from '../../testing-entry.js';
import { qdrantStore } from './qdrant-store.js';

// Runs against a real Qdrant server only. None can be installed on the machines this project is
// built on, so without QDRANT_URL the suite is skipped and says so; it is never run against a fake.
const url = process.env.QDRANT_URL;
const apiKey = process.env.QDRANT_API_KEY;

if (url) {
  const directory = mkdtempSync(join(tmpdir(), 'resonant-qdrant-conformance-'));
  const admin = new QdrantClient({ url, apiKey, checkCompatibility: false });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  runStoreConformanceTests({
    name: `QdrantStore at ${url}`,
    createStore: ({ location }) =>
      qdrantStore({
        url,
        apiKey,
        collection: location,
        outboxPath: join(directory, `${location}-outbox.db`),
        retries: 1,
      }),
    destroy: async ({ location }) => {
      await admin.deleteCollection(location).catch(() => undefined);
    },
  });
} else {
  describe.skip('MemoryStore conformance: QdrantStore — SKIPPED because QDRANT_URL is unset (start Qdrant and set QDRANT_URL=http://localhost:6333 to run it)', () => {
    it('was not run: no Qdrant server was given', () => undefined);
  });
}
