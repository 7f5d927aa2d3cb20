// The research entry of @resonant/core (`@resonant/core/research`): signals built from the design
// documents, measured in bench/seed-experiments and off unless passed to `recall({ extraSignal })`.

export { createSeededRandom } from './research/create-seeded-random.js';
export { FIRST_ZETA_ZERO_ORDINATES, ZETA_ORDINATE_SEED, zetaZeroOrdinates } from './research/zeta-zero-ordinates.js';
export { MAX_RESONANCE_BASIS_SIZE, resonanceBasis, type ResonanceBasis } from './research/resonance-basis.js';
export type { ComplexMatrix } from './research/complex-matrix.js';
export {
  RESONANCE_SPECTRUM_DEFAULTS,
  resonanceSpectrum,
  transformToResonanceBasis,
  type ResonanceSpectrum,
} from './research/resonance-spectrum.js';
export {
  RESONANCE_ESTIMATOR_DEFAULTS,
  createResonanceEstimator,
  type ResonanceEstimator,
  type ResonanceEstimatorOptions,
  type ResonanceImportance,
} from './research/create-resonance-estimator.js';
export { createResonanceSignal, type ResonanceSignalOptions } from './research/create-resonance-signal.js';
export {
  SLOT_MEMORY_DEFAULTS,
  createSlotMemory,
  type SlotMemory,
  type SlotMemoryOptions,
  type SlotWrite,
  type SlotHealth,
} from './research/create-slot-memory.js';
export { createSlotSignal, type SlotSignalOptions } from './research/create-slot-signal.js';
export type { FineRankSignal, FineRankSignalRequest } from './recall/fine-rank-signal.js';
