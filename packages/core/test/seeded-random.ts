/** The seeded PRNG the tests share: the one the research signals use (mulberry32). */
export { createSeededRandom as seededRandom } from '../src/research/create-seeded-random.js';
