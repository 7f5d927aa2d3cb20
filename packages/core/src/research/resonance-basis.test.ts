import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { multiplyComplexMatrices } from './complex-matrix.js';
import { resonanceBasis } from './resonance-basis.js';

describe('resonanceBasis', () => {
  it('builds U[i][j] = exp(2 pi i gamma_j i / N) / sqrt(N) for N = 2 (angles reduced by hand)', () => {
    const { basis } = resonanceBasis(2);
    const r = Math.SQRT1_2;
    // Row 0 is all 1/sqrt(2); row 1 has angles pi * gamma_j: 14.134725 pi = 0.134725 pi (mod 2 pi), 21.02204 pi = 1.02204 pi.
    expect([...basis.re]).toEqual([
      expect.closeTo(r, 15),
      expect.closeTo(r, 15),
      expect.closeTo(r * Math.cos(0.134725 * Math.PI), 12),
      expect.closeTo(r * Math.cos(1.02204 * Math.PI), 12),
    ]);
    expect([...basis.im]).toEqual([
      0,
      0,
      expect.closeTo(r * Math.sin(0.134725 * Math.PI), 12),
      expect.closeTo(r * Math.sin(1.02204 * Math.PI), 12),
    ]);
  });

  it('builds the N = 3 basis: U[2][1] has angle 4 pi 21.02204 / 3 = 0.0293867 pi (mod 2 pi)', () => {
    const { basis } = resonanceBasis(3);
    const r = 1 / Math.sqrt(3);
    expect(basis.re[0]).toBeCloseTo(r, 12);
    expect(basis.im[2]).toBe(0);
    expect(basis.re[2 * 3 + 1]).toBeCloseTo(r * Math.cos(0.02938667 * Math.PI), 7);
    expect(basis.im[2 * 3 + 1]).toBeCloseTo(r * Math.sin(0.02938667 * Math.PI), 7);
  });

  it('inverts: U^-1 U = I at sizes 2, 3, 32 and 64', () => {
    for (const size of [2, 3, 32, 64]) {
      const { basis, inverse } = resonanceBasis(size);
      const product = multiplyComplexMatrices(inverse, basis);
      let worst = 0;
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          worst = Math.max(
            worst,
            Math.abs(product.re[i * size + j]! - (i === j ? 1 : 0)),
            Math.abs(product.im[i * size + j]!),
          );
        }
      }
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it('is cached per size and refuses sizes it cannot build', () => {
    expect(resonanceBasis(8)).toBe(resonanceBasis(8));
    expect(() => resonanceBasis(0)).toThrow(InvalidInputError);
    expect(() => resonanceBasis(2.5)).toThrow(InvalidInputError);
  });
});
