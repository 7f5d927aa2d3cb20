import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runStoreConformanceTests } from '../../testing-entry.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(join(tmpdir(), 'resonant-sqlite-conformance-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

runStoreConformanceTests({
  name: 'SqliteStore (file, WAL)',
  createStore: ({ location }) => new SqliteStore({ path: join(directory, `${location}.db`) }),
  destroy: ({ location }) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(directory, `${location}.db${suffix}`), { force: true });
  },
});
