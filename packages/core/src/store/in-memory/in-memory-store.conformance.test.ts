import { runStoreConformanceTests } from '../../testing-entry.js';
import { InMemoryStore } from './in-memory-store.js';

// The reference store meets the same contract; its data lives only as long as the object.
runStoreConformanceTests({
  name: 'InMemoryStore (reference)',
  createStore: () => new InMemoryStore(),
});
