import { describe, expect, it } from 'vitest';
import { COMPRESSION_RATIO_BOUNDS, compressionRatio } from './compression-ratio.js';

describe('compressionRatio', () => {
  it('stays within [0.05, 0.3] whatever the inputs', () => {
    for (const importance of [-1, 0, 0.5, 1, 7, Number.NaN]) {
      for (const room of [0, 0.3, 1, 5]) {
        const ratio = compressionRatio({ importance, recency: importance, room });
        expect(ratio).toBeGreaterThanOrEqual(COMPRESSION_RATIO_BOUNDS.min);
        expect(ratio).toBeLessThanOrEqual(COMPRESSION_RATIO_BOUNDS.max);
      }
    }
  });

  it('follows the documented formula: more important, fresher and less pressed keeps more', () => {
    expect(compressionRatio({ importance: 1, recency: 1, room: 1 })).toBeCloseTo(0.3);
    expect(compressionRatio({ importance: 0, recency: 0, room: 1 })).toBeCloseTo(0.05);
    expect(compressionRatio({ importance: 0.5, recency: 0.5, room: 1 })).toBeCloseTo(0.05 + 0.25 * 0.5);
    expect(compressionRatio({ importance: 1, recency: 1, room: 0.5 })).toBeCloseTo(0.05 + 0.25 * 0.5);
    expect(compressionRatio({ importance: 0.9, recency: 0.2, room: 1 })).toBeGreaterThan(
      compressionRatio({ importance: 0.2, recency: 0.2, room: 1 }),
    );
  });
});
