import { describe, expect, it } from 'vitest';
import { FUSION_DEFAULTS, fuseRankings } from './fuse-rankings.js';

describe('fuseRankings', () => {
  const lexical = [
    { id: 'a', score: 10 },
    { id: 'b', score: 5 },
  ];
  const vector = [
    { id: 'c', score: 0.8 },
    { id: 'a', score: 0.4 },
    { id: 'z', score: -0.1 },
  ];

  it('weights each channel by its share, scores divided by the channel best', () => {
    const fused = fuseRankings(lexical, vector, { ...FUSION_DEFAULTS, method: 'score', lexicalWeight: 0.9 });
    expect(fused.map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    expect(fused[0]!.relevance).toBeCloseTo(0.9 + 0.1 * 0.5);
    expect(fused[1]!.relevance).toBeCloseTo(0.45);
    expect(fused[2]!.relevance).toBeCloseTo(0.1);
    expect(fused[0]).toMatchObject({ lexicalRank: 1, vectorRank: 2 });
  });

  it('drops vector hits at or below zero similarity and ranks by rrf when asked', () => {
    const fused = fuseRankings(lexical, vector, { ...FUSION_DEFAULTS, method: 'rrf', rrfK: 60 });
    expect(fused.map((hit) => hit.id)).toEqual(['a', 'c', 'b']);
    expect(fused[0]!.relevance).toBeCloseTo((1 / 61 + 1 / 62) / (2 / 61));
  });
});
