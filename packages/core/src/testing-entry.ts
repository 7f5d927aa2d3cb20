// The test entry of @resonant/core (`@resonant/core/testing`): suites for vitest (a peer of this entry only), and the reference store.

export {
  runStoreConformanceTests,
  type StoreConformanceOptions,
  type StoreLocation,
} from './testing/run-store-conformance-tests.js';
export { runGraphConformanceTests } from './testing/run-graph-conformance-tests.js';
export { InMemoryStore } from './store/in-memory/in-memory-store.js';
