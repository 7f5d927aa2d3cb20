import { describe, expect, it } from 'vitest';
import { conversationArousal, intensityVariance } from './conversation-arousal.js';

describe('conversation episode arousal', () => {
  it('is 0.35 |Δcuriosity| + 0.35 variance of intensities + 0.30 |Δrelatedness|', () => {
    const intensities = [0.2, 0.8, 0.2, 0.8];
    expect(intensityVariance(intensities)).toBeCloseTo(0.09, 12);
    expect(conversationArousal({ curiosityChange: -0.4, relatednessChange: 0.1, intensities })).toBeCloseTo(
      0.35 * 0.4 + 0.35 * 0.09 + 0.3 * 0.1,
      12,
    );
    // Direction does not matter, only how much changed.
    expect(conversationArousal({ curiosityChange: 0.4, relatednessChange: -0.1, intensities })).toBeCloseTo(
      0.35 * 0.4 + 0.35 * 0.09 + 0.3 * 0.1,
      12,
    );
  });

  it('is 0 for a conversation that changed nothing, and clamps to 1', () => {
    expect(conversationArousal({ curiosityChange: 0, relatednessChange: 0, intensities: [0.5, 0.5, 0.5] })).toBe(0);
    expect(intensityVariance([0.7])).toBe(0);
    expect(conversationArousal({ curiosityChange: 3, relatednessChange: 1, intensities: [0, 1] })).toBe(1);
  });
});
