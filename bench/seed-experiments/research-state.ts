import type { Embedder } from '@resonant/core';
import {
  createResonanceEstimator,
  createSlotMemory,
  SLOT_MEMORY_DEFAULTS,
  type ResonanceEstimator,
  type SlotMemory,
} from '@resonant/core/research';

/** The slot settings tried (sharpness x gate); the first is the default. */
export const SLOT_SETTINGS: readonly { sharpness: number; gate: number }[] = [
  { sharpness: SLOT_MEMORY_DEFAULTS.sharpness, gate: SLOT_MEMORY_DEFAULTS.gate },
  ...[2, 8, 32]
    .flatMap((sharpness) => [0.2, 0.5].map((gate) => ({ sharpness, gate })))
    .filter(
      (setting) => setting.sharpness !== SLOT_MEMORY_DEFAULTS.sharpness || setting.gate !== SLOT_MEMORY_DEFAULTS.gate,
    ),
];

/** A slot setting's name in the results: `slots[s8,g0.5]`. */
export function slotSettingName(setting: { sharpness: number; gate: number }): string {
  return `slots[s${setting.sharpness},g${setting.gate}]`;
}

/** A namespace's research signals, built from its sessions in order, and what the slots measured on the way. */
export interface ResearchState {
  /** As specified: 64 projected dimensions. */
  estimator: ResonanceEstimator;
  /** A diagnostic at 16 dimensions, where the zeta-zero basis is far better conditioned. */
  estimator16: ResonanceEstimator;
  /** With the default settings (the first of SLOT_SETTINGS). */
  slots: SlotMemory;
  /** One per entry of SLOT_SETTINGS, by `slotSettingName`. */
  slotVariants: Map<string, SlotMemory>;
  /** How far resonance importance varies across the namespace's memories (at the end), per projection size. */
  importanceSpread: Record<'d64' | 'd16', { min: number; max: number; sd: number }>;
  /** Pattern similarity of each session write, in order (default settings). */
  patternSimilarities: number[];
  /** The same, per slot setting. */
  patternSimilaritiesBySetting: Map<string, number[]>;
}

/**
 * Feeds a namespace's sessions (texts as stored) to fresh research signals: every memory into the
 * fast weights in creation order, every session's embeddings into the slots.
 */
export async function buildResearchState(
  embedder: Embedder,
  namespace: string,
  sessions: readonly (readonly string[])[],
): Promise<ResearchState> {
  const estimator = createResonanceEstimator({ inputDimensions: embedder.dimensions });
  const estimator16 = createResonanceEstimator({ inputDimensions: embedder.dimensions, projectedDimensions: 16 });
  const slotVariants = new Map(
    SLOT_SETTINGS.map((setting) => [
      slotSettingName(setting),
      createSlotMemory({ dimensions: embedder.dimensions, ...setting }),
    ]),
  );
  const slots = slotVariants.get(slotSettingName(SLOT_SETTINGS[0]!))!;
  const patternSimilaritiesBySetting = new Map<string, number[]>();
  const all: Float32Array[] = [];
  for (const session of sessions) {
    if (session.length === 0) continue;
    const vectors = await embedder.embed(session);
    all.push(...vectors);
    for (const vector of vectors) {
      estimator.observe(namespace, vector);
      estimator16.observe(namespace, vector);
    }
    for (const [name, variant] of slotVariants) {
      const similarity = variant.writeSession(namespace, vectors).patternSimilarity;
      patternSimilaritiesBySetting.set(name, [...(patternSimilaritiesBySetting.get(name) ?? []), similarity]);
    }
  }
  const spread = (of: ResonanceEstimator) => {
    const values = all.map((vector) => of.importance(namespace, vector).importance);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return {
      min: Math.min(...values),
      max: Math.max(...values),
      sd: Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length),
    };
  };
  const patternSimilarities = patternSimilaritiesBySetting.get(slotSettingName(SLOT_SETTINGS[0]!)) ?? [];
  return {
    estimator,
    estimator16,
    slots,
    slotVariants,
    patternSimilarities,
    patternSimilaritiesBySetting,
    importanceSpread: { d64: spread(estimator), d16: spread(estimator16) },
  };
}
