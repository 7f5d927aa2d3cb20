// Cost of the zeta-zero basis transform at the sizes the design documents quote (batch 2-8, 4-8
// heads, 32-64 dims): one "transform" is every batch x head matrix taken to W' = U^-1 W U.
import {
  createSeededRandom,
  resonanceBasis,
  resonanceSpectrum,
  transformToResonanceBasis,
} from '@resonant/core/research';
import { median } from '../lib/percentile.js';

/** One measured size. */
export interface TransformCost {
  batch: number;
  heads: number;
  dims: number;
  /** Median ms for the full transforms of batch x heads matrices. */
  fullMs: number;
  /** Median ms for the diagonal-energy spectra only (what resonance importance uses). */
  diagonalMs: number;
}

/** The basis's Frobenius condition number over N, ||U|| ||U^-1|| / N: 1 for a unitary basis, huge for a near-singular one. */
export function basisCondition(size: number): number {
  const { basis, inverse } = resonanceBasis(size);
  const frobenius = (matrix: { re: Float64Array; im: Float64Array }) =>
    Math.sqrt(matrix.re.reduce((sum, value, i) => sum + value * value + matrix.im[i]! ** 2, 0));
  return (frobenius(basis) * frobenius(inverse)) / size;
}

/** Times the transform at every batch x heads x dims combination, `repeats` times each (after one warm-up). */
export function measureTransformCost(repeats: number): TransformCost[] {
  const random = createSeededRandom(20);
  const costs: TransformCost[] = [];
  for (const dims of [32, 64]) {
    resonanceBasis(dims); // built once per size and cached, as in use
    for (const batch of [2, 8]) {
      for (const heads of [4, 8]) {
        const matrices = Array.from({ length: batch * heads }, () => symmetricMatrix(dims, random));
        const full: number[] = [];
        const diagonal: number[] = [];
        for (let run = 0; run <= repeats; run++) {
          let started = performance.now();
          for (const matrix of matrices) transformToResonanceBasis(matrix, dims);
          const fullMs = performance.now() - started;
          started = performance.now();
          for (const matrix of matrices) resonanceSpectrum(matrix, dims);
          const diagonalMs = performance.now() - started;
          if (run === 0) continue;
          full.push(fullMs);
          diagonal.push(diagonalMs);
        }
        costs.push({ batch, heads, dims, fullMs: median(full), diagonalMs: median(diagonal) });
      }
    }
  }
  return costs;
}

function symmetricMatrix(size: number, random: () => number): Float64Array {
  const matrix = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      const value = random() - 0.5;
      matrix[i * size + j] = value;
      matrix[j * size + i] = value;
    }
  }
  return matrix;
}
