import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { parseInput } from '../errors/parse-input.js';
import { createSeededRandom, gaussian } from './create-seeded-random.js';
import { resonanceBasis } from './resonance-basis.js';
import { RESONANCE_SPECTRUM_DEFAULTS, resonanceSpectrum, type ResonanceSpectrum } from './resonance-spectrum.js';

/** What `createResonanceEstimator` uses when an option is left out. */
export const RESONANCE_ESTIMATOR_DEFAULTS = Object.freeze({
  /** Embeddings are projected to this many dimensions (the fast-weight matrix is this square). @default 64 */
  projectedDimensions: 64,
  /** Each observed memory multiplies the fast weights by this before adding its outer product. @default 0.98 */
  decay: 0.98,
  /** Diagonal energy above which a mode is resonant. @default 0.1 */
  threshold: RESONANCE_SPECTRUM_DEFAULTS.threshold,
  /** Seed of the random projection. @default 0x5eed */
  seed: 0x5eed,
});

const optionsSchema = z
  .object({
    inputDimensions: z.number().int().min(1).max(65_536),
    projectedDimensions: z.number().int().min(2).max(256).default(RESONANCE_ESTIMATOR_DEFAULTS.projectedDimensions),
    decay: z.number().gt(0).max(1).default(RESONANCE_ESTIMATOR_DEFAULTS.decay),
    threshold: z.number().min(0).default(RESONANCE_ESTIMATOR_DEFAULTS.threshold),
    seed: z.number().int().default(RESONANCE_ESTIMATOR_DEFAULTS.seed),
  })
  .strict();

/** Options for {@link createResonanceEstimator}. */
export type ResonanceEstimatorOptions = z.input<typeof optionsSchema>;

/** How one memory stands against its namespace's resonant modes. */
export interface ResonanceImportance {
  /** Share of the memory's energy on the resonant modes, 0..1. */
  readonly resonance: number;
  /** Mean energy of resonant modes over that of the others (Infinity when every mode resonates, 0 when none). */
  readonly signalToNoise: number;
  /** `resonance * snr / (1 + snr)`: 0..1, high when the memory sits on a clear resonance. */
  readonly importance: number;
}

/** Per-namespace fast weights and the resonance importance of memories against them. */
export interface ResonanceEstimator {
  /** Adds a memory embedding to its namespace's fast weights: `W = decay * W + p p^T`, p its unit projection. */
  observe(namespace: string, embedding: Float32Array): void;
  /** The resonance spectrum of the namespace's fast weights (normalised to unit trace), or null before any memory. */
  spectrum(namespace: string): ResonanceSpectrum | null;
  /** The resonance importance of an embedding in a namespace (all zero before any memory). */
  importance(namespace: string, embedding: Float32Array): ResonanceImportance;
  /** The namespace's fast-weight matrix (row-major, unit trace) or null. */
  fastWeights(namespace: string): Float64Array | null;
}

interface NamespaceState {
  weights: Float64Array;
  observed: number;
  spectrum: ResonanceSpectrum | null;
  signalToNoise: number;
}

const NOTHING: ResonanceImportance = Object.freeze({ resonance: 0, signalToNoise: 0, importance: 0 });

/**
 * Resonance importance (a research signal, off unless passed to recall as an extra signal): per
 * namespace a decayed Hebbian sum of outer products of memory embeddings, reduced to
 * `projectedDimensions` by a seeded Gaussian projection; its modes in the zeta-zero basis whose
 * diagonal energy passes the threshold are resonant, and a memory matters as far as its projection
 * lies on them. The fast weights live in process: observe the namespace's memories to rebuild them.
 */
export function createResonanceEstimator(options: ResonanceEstimatorOptions): ResonanceEstimator {
  const settings = parseInput(optionsSchema, options, 'resonance estimator options');
  const size = settings.projectedDimensions;
  const projection = gaussianProjection(size, settings.inputDimensions, settings.seed);
  const states = new Map<string, NamespaceState>();

  const project = (embedding: Float32Array): Float64Array => {
    if (embedding.length !== settings.inputDimensions) {
      throw new InvalidInputError(
        `resonance estimator expects ${settings.inputDimensions}-dimension embeddings, got ${embedding.length}`,
      );
    }
    const projected = new Float64Array(size);
    let sumOfSquares = 0;
    for (let row = 0; row < size; row++) {
      let value = 0;
      for (let column = 0; column < embedding.length; column++)
        value += projection[row * embedding.length + column]! * embedding[column]!;
      if (!Number.isFinite(value))
        throw new InvalidInputError('resonance estimator was given an embedding with a non-finite value');
      projected[row] = value;
      sumOfSquares += value * value;
    }
    if (sumOfSquares > 0) for (let row = 0; row < size; row++) projected[row]! /= Math.sqrt(sumOfSquares);
    return projected;
  };

  const refresh = (state: NamespaceState): void => {
    if (state.spectrum !== null) return;
    let trace = 0;
    for (let i = 0; i < size; i++) trace += state.weights[i * size + i]!;
    const normalised = trace > 0 ? state.weights.map((value) => value / trace) : state.weights;
    state.spectrum = resonanceSpectrum(normalised, size, settings.threshold);
    state.signalToNoise = signalToNoise(state.spectrum);
  };

  return {
    observe(namespace, embedding) {
      const projected = project(embedding);
      const state = states.get(namespace) ?? {
        weights: new Float64Array(size * size),
        observed: 0,
        spectrum: null,
        signalToNoise: 0,
      };
      const { weights } = state;
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++)
          weights[i * size + j] = settings.decay * weights[i * size + j]! + projected[i]! * projected[j]!;
      }
      state.observed++;
      state.spectrum = null;
      states.set(namespace, state);
    },
    spectrum(namespace) {
      const state = states.get(namespace);
      if (!state) return null;
      refresh(state);
      return state.spectrum;
    },
    importance(namespace, embedding) {
      const state = states.get(namespace);
      if (!state) return NOTHING;
      refresh(state);
      const spectrum = state.spectrum!;
      if (spectrum.resonantCount === 0) return NOTHING;
      // The memory's coordinates in the basis: c = U^-1 p.
      const { inverse } = resonanceBasis(size);
      const projected = project(embedding);
      let onResonant = 0;
      let total = 0;
      for (let j = 0; j < size; j++) {
        let re = 0;
        let im = 0;
        for (let k = 0; k < size; k++) {
          re += inverse.re[j * size + k]! * projected[k]!;
          im += inverse.im[j * size + k]! * projected[k]!;
        }
        const energy = re * re + im * im;
        total += energy;
        if (spectrum.mask[j]) onResonant += energy;
      }
      const resonance = total > 0 ? onResonant / total : 0;
      const snr = state.signalToNoise;
      const clarity = snr === Infinity ? 1 : snr / (1 + snr);
      return { resonance, signalToNoise: snr, importance: resonance * clarity };
    },
    fastWeights(namespace) {
      const state = states.get(namespace);
      if (!state) return null;
      let trace = 0;
      for (let i = 0; i < size; i++) trace += state.weights[i * size + i]!;
      return trace > 0 ? state.weights.map((value) => value / trace) : Float64Array.from(state.weights);
    },
  };
}

/** Mean diagonal energy of the resonant modes over that of the rest. */
function signalToNoise(spectrum: ResonanceSpectrum): number {
  const resonant = spectrum.resonantCount;
  const quiet = spectrum.mask.length - resonant;
  if (resonant === 0) return 0;
  let resonantEnergy = 0;
  for (let j = 0; j < spectrum.mask.length; j++) if (spectrum.mask[j]) resonantEnergy += spectrum.diagonalEnergy[j]!;
  const quietEnergy = spectrum.totalEnergy - resonantEnergy;
  if (quiet === 0 || quietEnergy <= 0) return Infinity;
  return resonantEnergy / resonant / (quietEnergy / quiet);
}

/** A rows x columns Gaussian matrix scaled by 1/sqrt(rows) (Johnson-Lindenstrauss), row-major. */
function gaussianProjection(rows: number, columns: number, seed: number): Float64Array {
  const random = createSeededRandom(seed);
  const scale = 1 / Math.sqrt(rows);
  const matrix = new Float64Array(rows * columns);
  for (let i = 0; i < matrix.length; i++) matrix[i] = gaussian(random) * scale;
  return matrix;
}
