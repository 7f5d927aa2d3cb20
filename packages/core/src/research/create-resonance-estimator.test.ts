import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { createSeededRandom, gaussian } from './create-seeded-random.js';
import { createResonanceEstimator } from './create-resonance-estimator.js';

const randomVector = (random: () => number, dimensions: number) =>
  Float32Array.from({ length: dimensions }, () => gaussian(random));

describe('createResonanceEstimator', () => {
  it('keeps a decayed Hebbian sum: a then b with decay 0.5 is (0.5 A + B) / 1.5 at unit trace', () => {
    const random = createSeededRandom(3);
    const a = randomVector(random, 16);
    const b = randomVector(random, 16);
    const options = { inputDimensions: 16, projectedDimensions: 4, decay: 0.5 };
    const only = (vector: Float32Array) => {
      const estimator = createResonanceEstimator(options);
      estimator.observe('n', vector);
      return estimator.fastWeights('n')!;
    };
    const outerA = only(a);
    const outerB = only(b);
    // One unit projection p gives p p^T: symmetric, unit trace, rank one (W_ij^2 = W_ii W_jj).
    let trace = 0;
    for (let i = 0; i < 4; i++) {
      trace += outerA[i * 4 + i]!;
      for (let j = 0; j < 4; j++) {
        expect(outerA[i * 4 + j]).toBeCloseTo(outerA[j * 4 + i]!, 12);
        expect(outerA[i * 4 + j]! ** 2).toBeCloseTo(outerA[i * 4 + i]! * outerA[j * 4 + j]!, 12);
      }
    }
    expect(trace).toBeCloseTo(1, 12);
    const both = createResonanceEstimator(options);
    both.observe('n', a);
    both.observe('n', b);
    const weights = both.fastWeights('n')!;
    for (let i = 0; i < 16; i++) expect(weights[i]).toBeCloseTo((0.5 * outerA[i]! + outerB[i]!) / 1.5, 12);
  });

  it('keeps namespaces apart and knows nothing of an empty one', () => {
    const random = createSeededRandom(4);
    const estimator = createResonanceEstimator({ inputDimensions: 8, projectedDimensions: 4 });
    estimator.observe('a', randomVector(random, 8));
    expect(estimator.fastWeights('b')).toBeNull();
    expect(estimator.spectrum('b')).toBeNull();
    expect(estimator.importance('b', randomVector(random, 8))).toEqual({
      resonance: 0,
      signalToNoise: 0,
      importance: 0,
    });
    expect(estimator.spectrum('a')).not.toBeNull();
  });

  it('stays finite and within 0..1 over 3,000 memories at 384 -> 64 dimensions', () => {
    const random = createSeededRandom(5);
    const estimator = createResonanceEstimator({ inputDimensions: 384 });
    const topics = Array.from({ length: 6 }, () => randomVector(random, 384));
    for (let t = 0; t < 3000; t++) {
      estimator.observe(
        'n',
        Float32Array.from(topics[t % 6]!, (value) => value + gaussian(random)),
      );
      if (t % 500 === 499) {
        const spectrum = estimator.spectrum('n')!;
        expect(spectrum.diagonalEnergy.every(Number.isFinite)).toBe(true);
        expect(Number.isFinite(spectrum.totalEnergy)).toBe(true);
        for (let probe = 0; probe < 20; probe++) {
          const { resonance, importance } = estimator.importance('n', randomVector(random, 384));
          expect(resonance).toBeGreaterThanOrEqual(0);
          expect(resonance).toBeLessThanOrEqual(1 + 1e-9);
          expect(importance).toBeGreaterThanOrEqual(0);
          expect(importance).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
    }
    expect(estimator.fastWeights('n')!.every(Number.isFinite)).toBe(true);
  });

  it('refuses embeddings of the wrong size or with NaN, and bad options', () => {
    const estimator = createResonanceEstimator({ inputDimensions: 8, projectedDimensions: 4 });
    expect(() => estimator.observe('n', new Float32Array(7))).toThrow(InvalidInputError);
    expect(() => estimator.observe('n', new Float32Array(8).fill(Number.NaN))).toThrow(InvalidInputError);
    expect(() => createResonanceEstimator({ inputDimensions: 8, decay: 0 })).toThrow(InvalidInputError);
  });
});
