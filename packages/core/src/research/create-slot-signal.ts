import type { Embedder } from '../embed/embedder.js';
import type { FineRankSignal } from '../recall/fine-rank-signal.js';
import type { SlotMemory } from './create-slot-memory.js';

/** Options for {@link createSlotSignal}. */
export interface SlotSignalOptions {
  readonly slots: SlotMemory;
  /** Embeds the candidates' texts: the memory's own embedder. */
  readonly embedder: Embedder;
  /** Weight beside `RankingWeights`. */
  readonly weight: number;
}

/**
 * Slot memory as an extra fine-stage signal for `recall({ extraSignal })`: the query attends over
 * the namespace's slots, and a candidate scores its cosine (floored at 0) to that read-out, so
 * memories of the sessions the query calls to mind rise.
 */
export function createSlotSignal(options: SlotSignalOptions): FineRankSignal {
  const { slots, embedder, weight } = options;
  return {
    weight,
    async score({ namespace, queryVector, records }) {
      const readOut = slots.read(namespace, queryVector);
      if (readOut === null) return records.map(() => 0);
      const vectors = await embedder.embed(records.map((record) => record.text));
      return vectors.map((vector) => {
        let dot = 0;
        let sumOfSquares = 0;
        for (let i = 0; i < vector.length; i++) {
          dot += vector[i]! * readOut[i]!;
          sumOfSquares += vector[i]! * vector[i]!;
        }
        return sumOfSquares > 0 ? Math.max(0, dot / Math.sqrt(sumOfSquares)) : 0;
      });
    },
  };
}
