import type { Summarizer } from '../compress/summarizer.js';
import type { RewardNormalizer } from '../affect/normalize-rewards.js';
import type { Embedder } from '../embed/embedder.js';
import type { CoarseSettings } from './find-candidates.js';
import type { ForgettingCurve } from './forgetting-curve.js';
import type { RankingWeights } from './ranking-weights.js';
import type { MemoryStore } from '../store/memory-store.js';
import type { TokenCounter } from '../text/token-counter.js';

/** Everything a memory operation needs, resolved once by `createMemory`. Internal. */
export interface MemoryContext {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  readonly clock: () => Date;
  readonly generateId: () => string;
  /** How the coarse stage ranks candidates (lexical channel, fusion), on whatever store. */
  readonly coarse: CoarseSettings;
  readonly ranking: Readonly<RankingWeights>;
  readonly forgetting: Readonly<ForgettingCurve>;
  /** Counts context tokens when a call names no model; absent means tiktoken `o200k_base`. */
  readonly tokenCounter?: TokenCounter;
  /** Compresses memories for contexts when a call brings none; absent means the extractive default. */
  readonly summarize?: Summarizer;
  /** Per-namespace running statistics of feedback reward axes (in process). */
  readonly rewardNormalizer?: RewardNormalizer;
}
