import { InvalidInputError } from '../errors/invalid-input-error.js';
import { invertComplexMatrix, type ComplexMatrix } from './complex-matrix.js';
import { zetaZeroOrdinates } from './zeta-zero-ordinates.js';

/** The zeta-zero basis of one size and its inverse. */
export interface ResonanceBasis {
  readonly size: number;
  /** The ordinates gamma_0..gamma_{N-1} its columns are built from. */
  readonly ordinates: readonly number[];
  /** `U[i][j] = exp(2 pi i gamma_j i / N) / sqrt(N)`. */
  readonly basis: ComplexMatrix;
  /** `U^-1` (U is not unitary: the ordinates are not integers). */
  readonly inverse: ComplexMatrix;
}

/** Largest basis built: past this the Gauss-Jordan inverse (O(N^3), cached) is the wrong tool. */
export const MAX_RESONANCE_BASIS_SIZE = 512;

const cache = new Map<number, ResonanceBasis>();

/**
 * The basis transform of the resonance filter for matrices of `size` x `size`, built once per size:
 * column j is a complex exponential whose frequency is the j-th zeta-zero ordinate.
 */
export function resonanceBasis(size: number): ResonanceBasis {
  const cached = cache.get(size);
  if (cached) return cached;
  if (!Number.isInteger(size) || size < 1 || size > MAX_RESONANCE_BASIS_SIZE) {
    throw new InvalidInputError(
      `resonance basis size must be an integer in 1..${MAX_RESONANCE_BASIS_SIZE}, got ${size}`,
    );
  }
  const ordinates = zetaZeroOrdinates(size);
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  const norm = 1 / Math.sqrt(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const angle = (2 * Math.PI * ordinates[j]! * i) / size;
      re[i * size + j] = Math.cos(angle) * norm;
      im[i * size + j] = Math.sin(angle) * norm;
    }
  }
  const basis = { size, re, im };
  const inverse = invertComplexMatrix(basis);
  // Columns coincide only if two ordinates differ by a multiple of N: the generated ones never do in practice.
  if (inverse === null) throw new InvalidInputError(`the zeta-zero basis of size ${size} is singular`);
  const built = Object.freeze({ size, ordinates: Object.freeze(ordinates), basis, inverse });
  cache.set(size, built);
  return built;
}
