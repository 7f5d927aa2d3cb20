import type { RewardNormalizer } from '../affect/normalize-rewards.js';
import type { Embedder } from '../embed/embedder.js';
import type { ForgettingCurve } from '../recall/forgetting-curve.js';
import type { RankingWeights } from '../recall/ranking-weights.js';
import type { MemoryStore } from '../store/memory-store.js';

/** Everything a memory operation needs, resolved once by `createMemory`. Internal. */
export interface MemoryContext {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  readonly clock: () => Date;
  readonly generateId: () => string;
  readonly ranking: Readonly<RankingWeights>;
  readonly forgetting: Readonly<ForgettingCurve>;
  /** Per-namespace running statistics of feedback reward axes (in process). */
  readonly rewardNormalizer?: RewardNormalizer;
}
