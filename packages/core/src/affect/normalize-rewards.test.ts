import { describe, expect, it } from 'vitest';
import { RewardNormalizer, UTILITY_DEFAULTS } from './normalize-rewards.js';

describe('RewardNormalizer', () => {
  it('normalises each axis on its own scale so a large axis cannot swamp a small one', () => {
    const normalizer = new RewardNormalizer();
    // Engagement is measured in characters (hundreds), relationship depth in tenths.
    for (let i = 0; i < 50; i++)
      normalizer.normalize('ns', { engagement: 200 + (i % 5) * 50, relationshipDepth: 0.2 + (i % 5) * 0.05 });
    const highDepthLowEngagement = normalizer.normalize('ns', { engagement: 200, relationshipDepth: 0.4 });
    expect(highDepthLowEngagement.relationshipDepth).toBeGreaterThan(0.75);
    expect(highDepthLowEngagement.engagement).toBeLessThan(0.25);
    // Equal surprise on both axes gives equal weight, whatever the units.
    const target = normalizer.utilityTarget(0.5, highDepthLowEngagement);
    expect(target).toBeGreaterThan(0.4);
    expect(target).toBeLessThan(0.6);
  });

  it('keeps statistics per namespace', () => {
    const normalizer = new RewardNormalizer();
    for (let i = 0; i < 20; i++) normalizer.normalize('quiet', { engagement: i % 2 });
    for (let i = 0; i < 20; i++) normalizer.normalize('busy', { engagement: 100 + (i % 2) });
    expect(normalizer.normalize('quiet', { engagement: 1 }).engagement).toBeGreaterThan(0.6);
    expect(normalizer.normalize('busy', { engagement: 1 }).engagement).toBeLessThan(0.1);
  });

  it('is neutral until an axis has spread, and the target is the resonance when no axis is given', () => {
    const normalizer = new RewardNormalizer();
    expect(normalizer.normalize('ns', { engagement: 1000 }).engagement).toBe(0.5);
    expect(normalizer.utilityTarget(0.9, {})).toBe(0.9);
    expect(normalizer.utilityTarget(0.9, { engagement: 0.5 })).toBeCloseTo(
      UTILITY_DEFAULTS.resonanceShare * 0.9 + (1 - UTILITY_DEFAULTS.resonanceShare) * 0.5,
      10,
    );
  });
});
