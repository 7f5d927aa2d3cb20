import type { MemoryStore } from '../src/store/memory-store.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

/** The SQLite store seen through the core contract only (no graph capability), as a plain store would be. */
export function withoutGraph(store: SqliteStore): MemoryStore {
  return {
    capabilities: store.capabilities,
    open: (context) => store.open(context),
    insert: (memories) => store.insert(memories),
    upsert: (memories) => store.upsert(memories),
    get: (ids) => store.get(ids),
    lexicalCandidates: (query) => store.lexicalCandidates(query),
    vectorCandidates: (query) => store.vectorCandidates(query),
    neighbours: (query) => store.neighbours(query),
    update: (namespace, updates) => store.update(namespace, updates),
    delete: (namespace, ids) => store.delete(namespace, ids),
    list: (options) => store.list(options),
    count: (namespace) => store.count(namespace),
    namespaces: () => store.namespaces(),
    close: () => store.close(),
  };
}
