import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { createMemory } from '../memory/create-memory.js';
import { explainScore } from './explain-score.js';
import type { RecallSignals } from './rank-candidates.js';
import { RANKING_DEFAULTS } from './ranking-weights.js';

const NS = 'user:ana';
const PARTS = ['relevance', 'recency', 'arousal', 'utility', 'phrase', 'extra'] as const;

function sumOfParts(parts: ReturnType<typeof explainScore>): number {
  return PARTS.reduce((sum, key) => sum + parts[key], 0);
}

describe('explainScore', () => {
  it('splits real recall scores into parts that add up to them, aversion and custom weights included', async () => {
    const ranking = { relevance: 1, recency: 0.5, arousal: 0.3, utility: 0.2, phrase: 0.1 };
    const memory = await createMemory({ path: ':memory:', clock: manualClock(), ranking });
    await memory.rememberMany([
      { namespace: NS, text: 'Ana adopted a shiba inu puppy called Mochi.', arousal: 0.6, utility: 0.9 },
      {
        namespace: NS,
        text: 'Mochi bit Ana and she cried; she hates that memory.',
        emotion: { joy: 0, aversion: 1, trauma: 0 },
      },
      { namespace: NS, text: 'アナはモチと公園を散歩した。', emotion: { joy: 1, aversion: 0, trauma: 0 } },
    ]);
    const hits = await memory.recall({ namespace: NS, query: 'Mochi the puppy モチ', reinforce: false });
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.some((hit) => (hit.signals.aversion ?? 0) > 0)).toBe(true);
    for (const hit of hits) {
      const parts = explainScore(hit.signals, ranking);
      expect(sumOfParts(parts)).toBeCloseTo(hit.score, 12);
      if ((hit.signals.aversion ?? 0) > 0) expect(parts.aversionCut).toBeGreaterThan(0);
      else expect(parts.aversionCut).toBe(0);
    }
    await memory.close();
  });

  it('keeps every part within 0..score for any signals', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        unit,
        unit,
        unit,
        unit,
        unit,
        unit,
        unit,
        (relevance, recency, arousal, utility, phrase, extra, aversion) => {
          const signals: RecallSignals = {
            relevance,
            recency,
            arousal,
            utility,
            phrase,
            lexicalRank: null,
            vectorRank: null,
            extra,
            aversion,
          };
          const parts = explainScore(signals, RANKING_DEFAULTS, 0.3);
          const score = sumOfParts(parts);
          for (const key of PARTS) expect(parts[key]).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1 + 1e-12);
          expect(score + parts.aversionCut).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });
});
