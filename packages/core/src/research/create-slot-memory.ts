import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { parseInput } from '../errors/parse-input.js';
import { createSeededRandom, gaussian } from './create-seeded-random.js';

/** What `createSlotMemory` uses when an option is left out. */
export const SLOT_MEMORY_DEFAULTS = Object.freeze({
  /** Number of slots K. @default 8 */
  slots: 8,
  /** Share of the way the attended slots move toward a session's mean. @default 0.5 */
  gate: 0.5,
  /** Softmax sharpness of the attention over slots (cosine x sharpness). @default 8 */
  sharpness: 8,
  /** Seed of the slots' random starting directions. @default 0x51075 */
  seed: 0x51075,
});

const optionsSchema = z
  .object({
    dimensions: z.number().int().min(1).max(65_536),
    slots: z.number().int().min(1).max(256).default(SLOT_MEMORY_DEFAULTS.slots),
    gate: z.number().gt(0).max(1).default(SLOT_MEMORY_DEFAULTS.gate),
    sharpness: z.number().min(0).max(1000).default(SLOT_MEMORY_DEFAULTS.sharpness),
    seed: z.number().int().default(SLOT_MEMORY_DEFAULTS.seed),
  })
  .strict();

/** Options for {@link createSlotMemory}. */
export type SlotMemoryOptions = z.input<typeof optionsSchema>;

/** What one session write did. */
export interface SlotWrite {
  /** Cosine of the session's mean to the slots' attended read-out, before the write: how well the slots anticipated it. */
  readonly patternSimilarity: number;
  /** The attention over slots the gate used (sums to 1). */
  readonly attention: readonly number[];
}

/** Whether a namespace's slots hold only finite numbers. */
export interface SlotHealth {
  readonly finite: boolean;
  /** Count of NaN or infinite entries across the slots. */
  readonly nonFinite: number;
  /** Largest |norm - 1| of a slot: slots stay unit vectors. */
  readonly normError: number;
}

/** Per-namespace implicit slot memory: K unit vectors written from each session's mean embedding. */
export interface SlotMemory {
  /** Writes one session (its memories' embeddings): a gated move of the attended slots toward the session's mean. */
  writeSession(namespace: string, embeddings: readonly Float32Array[]): SlotWrite;
  /** The attended read-out for a query embedding: normalise(sum_k softmax(sharpness cos(q, s_k)) s_k); null before any write. */
  read(namespace: string, query: Float32Array): Float64Array | null;
  /** Share of the attention each slot received over all writes (even use is good). */
  usage(namespace: string): number[];
  /** NaN / infinity checks of the namespace's slots. */
  health(namespace: string): SlotHealth;
  /** Copies of the namespace's slots, or null before any write. */
  slots(namespace: string): Float64Array[] | null;
}

interface NamespaceSlots {
  slots: Float64Array[];
  usage: Float64Array;
}

/**
 * Implicit slot memory (a research signal, off unless passed to recall as an extra signal): K slots
 * start as seeded random unit vectors; each session's mean embedding m attends over them
 * (a = softmax(sharpness cos(m, s_k))) and moves each slot a gated share of the way toward it,
 * s_k = normalise(s_k + gate a_k (m - s_k)). Slots live in process.
 */
export function createSlotMemory(options: SlotMemoryOptions): SlotMemory {
  const settings = parseInput(optionsSchema, options, 'slot memory options');
  const states = new Map<string, NamespaceSlots>();

  const stateOf = (namespace: string): NamespaceSlots => {
    let state = states.get(namespace);
    if (!state) {
      const random = createSeededRandom(settings.seed);
      const slots = Array.from({ length: settings.slots }, () =>
        normalise(Float64Array.from({ length: settings.dimensions }, () => gaussian(random))),
      );
      state = { slots, usage: new Float64Array(settings.slots) };
    }
    return state;
  };

  const attend = (slots: readonly Float64Array[], vector: ArrayLike<number>): number[] => {
    const logits = slots.map((slot) => settings.sharpness * dot(slot, vector));
    const top = Math.max(...logits);
    const weights = logits.map((logit) => Math.exp(logit - top));
    const sum = weights.reduce((total, weight) => total + weight, 0);
    return weights.map((weight) => weight / sum);
  };

  const readOut = (slots: readonly Float64Array[], attention: readonly number[]): Float64Array => {
    const out = new Float64Array(settings.dimensions);
    slots.forEach((slot, k) => {
      for (let i = 0; i < out.length; i++) out[i]! += attention[k]! * slot[i]!;
    });
    return normalise(out);
  };

  const check = (vector: Float32Array, what: string): void => {
    if (vector.length !== settings.dimensions)
      throw new InvalidInputError(`slot memory expects ${settings.dimensions}-dimension ${what}, got ${vector.length}`);
    for (const value of vector)
      if (!Number.isFinite(value))
        throw new InvalidInputError(`slot memory was given a ${what} with a non-finite value`);
  };

  return {
    writeSession(namespace, embeddings) {
      if (embeddings.length === 0)
        throw new InvalidInputError('a session written to slot memory needs at least one embedding');
      const mean = new Float64Array(settings.dimensions);
      for (const embedding of embeddings) {
        check(embedding, 'embedding');
        for (let i = 0; i < mean.length; i++) mean[i]! += embedding[i]!;
      }
      normalise(mean);
      const state = stateOf(namespace);
      const attention = attend(state.slots, mean);
      const patternSimilarity = dot(readOut(state.slots, attention), mean);
      state.slots = state.slots.map((slot, k) => {
        const rate = settings.gate * attention[k]!;
        const moved = slot.map((value, i) => value + rate * (mean[i]! - value));
        // A slot pulled exactly opposite its own direction would vanish: keep the old one then.
        return norm(moved) > 1e-9 ? normalise(moved) : slot;
      });
      attention.forEach((weight, k) => (state.usage[k]! += weight));
      states.set(namespace, state);
      return { patternSimilarity, attention };
    },
    read(namespace, query) {
      const state = states.get(namespace);
      if (!state) return null;
      check(query, 'query');
      const unit = normalise(Float64Array.from(query));
      return readOut(state.slots, attend(state.slots, unit));
    },
    usage(namespace) {
      const state = states.get(namespace);
      if (!state) return Array.from({ length: settings.slots }, () => 0);
      const total = state.usage.reduce((sum, value) => sum + value, 0);
      return [...state.usage].map((value) => (total > 0 ? value / total : 0));
    },
    health(namespace) {
      const state = states.get(namespace);
      if (!state) return { finite: true, nonFinite: 0, normError: 0 };
      let nonFinite = 0;
      let normError = 0;
      for (const slot of state.slots) {
        for (const value of slot) if (!Number.isFinite(value)) nonFinite++;
        normError = Math.max(normError, Math.abs(norm(slot) - 1));
      }
      return { finite: nonFinite === 0 && Number.isFinite(normError), nonFinite, normError };
    },
    slots(namespace) {
      const state = states.get(namespace);
      return state ? state.slots.map((slot) => Float64Array.from(slot)) : null;
    },
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function norm(vector: ArrayLike<number>): number {
  return Math.sqrt(dot(vector, vector));
}

function normalise(vector: Float64Array): Float64Array {
  const length = norm(vector);
  if (length > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= length;
  return vector;
}
