// The test entry of @resonant/core (`@resonant/core/testing`): suites for vitest (a peer of this entry only).

export { runStoreConformanceTests, type StoreConformanceOptions, type StoreLocation } from './store/conformance/run-store-conformance-tests.js';
