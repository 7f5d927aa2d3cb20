// The suite lives under src/ so it ships in dist as `@resonant/core/testing`; in-repo tests may import it from here.
export { runStoreConformanceTests, type StoreConformanceOptions, type StoreLocation } from '../src/testing-entry.js';
