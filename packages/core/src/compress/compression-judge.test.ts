import { describe, expect, it } from 'vitest';
import { judgementMean } from './compression-judge.js';

describe('judgementMean', () => {
  it('averages the four marks', () => {
    expect(judgementMean({ facts: 5, causality: 4, rationale: 3, actionability: 2 })).toBe(3.5);
  });

  it('rejects marks outside 1..5 or missing axes, as a judge is untrusted', () => {
    expect(judgementMean({ facts: 6, causality: 4, rationale: 3, actionability: 2 })).toBeNull();
    expect(judgementMean({ facts: 5, causality: 4, rationale: 3 })).toBeNull();
    expect(judgementMean({ facts: '5', causality: 4, rationale: 3, actionability: 2 })).toBeNull();
    expect(judgementMean(null)).toBeNull();
  });
});
