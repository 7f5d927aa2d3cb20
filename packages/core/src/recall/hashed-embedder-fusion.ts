import { FUSION_DEFAULTS, type FusionOptions } from './fuse-rankings.js';

/**
 * Fusion when recall runs on the offline hashed embedder (no `embedder` given to `createMemory`):
 * lexical only, the vector channel a fallback for queries none of whose words match (typos,
 * spellings the stemmer does not join; see `findCandidates`). The hashed vectors measure shared
 * wording, which BM25 with expansion and context spread already measures better: on LoCoMo dev,
 * recall@10 rose from 0.753 to 0.765 (held-out conv-41 0.752 to 0.766) against the 0.9 of
 * `FUSION_DEFAULTS`, which stays the default with a caller's embedder.
 */
export const HASHED_EMBEDDER_FUSION: Readonly<FusionOptions> = Object.freeze({
  ...FUSION_DEFAULTS,
  /** @default 1 */
  lexicalWeight: 1,
});
