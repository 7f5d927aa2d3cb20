import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createSeededRandom } from './create-seeded-random.js';
import { resonanceSpectrum, transformToResonanceBasis } from './resonance-spectrum.js';

// Complex numbers as [re, im] for the hand-worked N = 2 case.
type Complex = [number, number];
const expi = (turnsOfPi: number): Complex => [Math.cos(turnsOfPi * Math.PI), Math.sin(turnsOfPi * Math.PI)];
const minus = (a: Complex, b: Complex): Complex => [a[0] - b[0], a[1] - b[1]];
const divide = (a: Complex, b: Complex): Complex => {
  const norm = b[0] ** 2 + b[1] ** 2;
  return [(a[0] * b[0] + a[1] * b[1]) / norm, (a[1] * b[0] - a[0] * b[1]) / norm];
};

describe('resonance spectrum', () => {
  it('maps W = diag(1, 0) to diag(b / (b - a), -a / (b - a)) for N = 2', () => {
    // U = [[1, 1], [a, b]] / sqrt 2 with a = exp(i pi 14.134725), b = exp(i pi 21.02204); then
    // U^-1 = sqrt 2 / (b - a) [[b, -1], [-a, 1]] and U^-1 diag(1, 0) U = [[b, b], [-a, -a]] / (b - a).
    const a = expi(0.134725);
    const b = expi(1.02204);
    const first = divide(b, minus(b, a));
    const second = divide([-a[0], -a[1]], minus(b, a));
    const transformed = transformToResonanceBasis([1, 0, 0, 0], 2);
    expect(transformed.re[0]).toBeCloseTo(first[0], 10);
    expect(transformed.im[0]).toBeCloseTo(first[1], 10);
    expect(transformed.re[3]).toBeCloseTo(second[0], 10);
    expect(transformed.im[3]).toBeCloseTo(second[1], 10);
    expect(transformed.re[1]).toBeCloseTo(first[0], 10); // the first row is [b, b] / (b - a)

    const spectrum = resonanceSpectrum([1, 0, 0, 0], 2);
    expect(spectrum.diagonalEnergy[0]).toBeCloseTo(first[0] ** 2 + first[1] ** 2, 10);
    expect(spectrum.diagonalEnergy[1]).toBeCloseTo(second[0] ** 2 + second[1] ** 2, 10);
    // |b - a| = 2 sin(0.887315 pi / 2), so each energy is 1 / (4 sin^2(0.4436575 pi)) = 0.2576...
    expect(spectrum.diagonalEnergy[0]).toBeCloseTo(1 / (4 * Math.sin(0.4436575 * Math.PI) ** 2), 10);
    expect(spectrum.mask).toEqual([true, true]);
  });

  it('leaves the identity alone: every mode has energy 1, none is sparse', () => {
    const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const spectrum = resonanceSpectrum(identity, 3);
    for (const energy of spectrum.diagonalEnergy) expect(energy).toBeCloseTo(1, 10);
    expect(spectrum).toMatchObject({ resonantCount: 3, sparsity: 0 });
    expect(spectrum.totalEnergy).toBeCloseTo(3, 10);
    const quiet = resonanceSpectrum(
      identity.map((value) => value * 0.3),
      3,
    );
    // 0.3^2 = 0.09 is under the default threshold 0.1.
    expect(quiet).toMatchObject({ resonantCount: 0, sparsity: 1 });
    expect(
      resonanceSpectrum(
        identity.map((value) => value * 0.3),
        3,
        0.05,
      ).resonantCount,
    ).toBe(3);
  });

  it('computes the same diagonal as the full transform and keeps the trace at size 32', () => {
    const random = createSeededRandom(5);
    const size = 32;
    const matrix = Array.from({ length: size * size }, () => random() - 0.5);
    const full = transformToResonanceBasis(matrix, size);
    const spectrum = resonanceSpectrum(matrix, size);
    let traceRe = 0;
    let traceIm = 0;
    for (let j = 0; j < size; j++) {
      const re = full.re[j * size + j]!;
      const im = full.im[j * size + j]!;
      expect(spectrum.diagonalEnergy[j]).toBeCloseTo(re * re + im * im, 6);
      traceRe += re;
      traceIm += im;
    }
    let trace = 0;
    for (let i = 0; i < size; i++) trace += matrix[i * size + i]!;
    expect(traceRe).toBeCloseTo(trace, 6);
    expect(traceIm).toBeCloseTo(0, 6);
  });

  it('refuses a matrix of the wrong shape', () => {
    expect(() => resonanceSpectrum([1, 2, 3], 2)).toThrow(InvalidInputError);
  });
});
