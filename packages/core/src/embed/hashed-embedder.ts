import { z } from 'zod';
import { hashString } from '../text/hash-string.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import type { Embedder } from './embedder.js';
import { normalizeVector } from './normalize-vector.js';

/** What `createHashedEmbedder` uses when an option is left out. */
export const HASHED_EMBEDDER_DEFAULTS = Object.freeze({
  /** @default 384 */
  dimensions: 384,
});

const optionsSchema = z.object({
  dimensions: z.number().int().min(16).max(4096).default(HASHED_EMBEDDER_DEFAULTS.dimensions),
});

/** Options for {@link createHashedEmbedder}. */
export type HashedEmbedderOptions = z.input<typeof optionsSchema>;

// Feature weights: whole terms carry the meaning, term pairs keep short phrases together, and
// character trigrams let "counseling" meet "counselor" and survive typos.
const FEATURE_WEIGHTS = { t: 1, p: 0.5, c: 0.25 } as const;
const SIGN_SEED = 0x9e3779b9;

/**
 * The offline default embedder: hashed term, term-pair and character-trigram features with
 * sublinear term frequency, L2-normalised. No download, no key, English and Japanese alike.
 * It measures shared wording, not meaning: "car" and "automobile" are strangers to it. Plug a real
 * embedding model in through {@link Embedder} when synonyms matter.
 */
export function createHashedEmbedder(options: HashedEmbedderOptions = {}): Embedder {
  const { dimensions } = optionsSchema.parse(options);
  return {
    id: `resonant-hashed-v1-${dimensions}`,
    dimensions,
    embed: async (texts) => texts.map((text) => embedHashed(text, dimensions)),
  };
}

/** Embeds one text with the hashed-feature scheme (synchronous core of the default embedder). */
export function embedHashed(text: string, dimensions: number): Float32Array {
  // Keys start with their kind: t(erm), p(air) or c(haracter trigram).
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const terms = tokenizeForSearch(text);
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    count(`t${term}`);
    if (i + 1 < terms.length) count(`p${term} ${terms[i + 1]}`);
    const bounded = `^${term}$`;
    if (bounded.length > 4) for (let j = 0; j + 3 <= bounded.length; j++) count(`c${bounded.slice(j, j + 3)}`);
  }
  const vector = new Float32Array(dimensions);
  for (const [key, occurrences] of counts) {
    const weight = FEATURE_WEIGHTS[key[0] as keyof typeof FEATURE_WEIGHTS];
    const sign = hashString(key, SIGN_SEED) & 1 ? 1 : -1;
    // Sublinear frequency: the tenth mention of a word adds far less than the first.
    vector[hashString(key) % dimensions]! += sign * weight * (1 + Math.log(occurrences));
  }
  return normalizeVector(vector);
}
