import { describe, expect, it } from 'vitest';
import { FIRST_ZETA_ZERO_ORDINATES, zetaZeroOrdinates } from './zeta-zero-ordinates.js';

describe('zetaZeroOrdinates', () => {
  it('starts with the ten known ordinates exactly', () => {
    expect(zetaZeroOrdinates(3)).toEqual([14.134725, 21.02204, 25.010858]);
    expect(zetaZeroOrdinates(12).slice(0, 10)).toEqual([...FIRST_ZETA_ZERO_ORDINATES]);
  });

  it('continues increasing, the same from the same seed, and differently from another', () => {
    const ordinates = zetaZeroOrdinates(64);
    expect(ordinates).toHaveLength(64);
    for (let i = 1; i < ordinates.length; i++) expect(ordinates[i]!).toBeGreaterThan(ordinates[i - 1]!);
    expect(zetaZeroOrdinates(64)).toEqual(ordinates);
    expect(zetaZeroOrdinates(64, 1).slice(10)).not.toEqual(ordinates.slice(10));
  });

  it('spaces the generated ordinates like the GUE: unit mean gap after unfolding, few tiny gaps', () => {
    const ordinates = zetaZeroOrdinates(2010);
    const unfolded: number[] = [];
    for (let i = 10; i < ordinates.length; i++) {
      const previous = ordinates[i - 1]!;
      unfolded.push(((ordinates[i]! - previous) * Math.log(previous / (2 * Math.PI))) / (2 * Math.PI));
    }
    const mean = unfolded.reduce((sum, gap) => sum + gap, 0) / unfolded.length;
    expect(mean).toBeGreaterThan(0.95);
    expect(mean).toBeLessThan(1.05);
    // Level repulsion: P(s < 0.1) = integral of (32/pi^2) s^2 exp(-4 s^2/pi) over 0..0.1 ~ 0.001.
    expect(unfolded.filter((gap) => gap < 0.1).length / unfolded.length).toBeLessThan(0.01);
  });
});
