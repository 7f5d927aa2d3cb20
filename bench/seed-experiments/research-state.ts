import type { Embedder } from '@resonant/core';
import { createResonanceEstimator, createSlotMemory, type ResonanceEstimator, type SlotMemory } from '@resonant/core/research';

/** A namespace's research signals, built from its sessions in order, and what the slots measured on the way. */
export interface ResearchState {
  /** As specified: 64 projected dimensions. */
  estimator: ResonanceEstimator;
  /** A diagnostic at 16 dimensions, where the zeta-zero basis is far better conditioned. */
  estimator16: ResonanceEstimator;
  slots: SlotMemory;
  /** How far resonance importance varies across the namespace's memories (at the end), per projection size. */
  importanceSpread: Record<'d64' | 'd16', { min: number; max: number; sd: number }>;
  /** Pattern similarity of each session write, in order. */
  patternSimilarities: number[];
}

/**
 * Feeds a namespace's sessions (texts as stored) to fresh research signals: every memory into the
 * fast weights in creation order, every session's embeddings into the slots.
 */
export async function buildResearchState(embedder: Embedder, namespace: string, sessions: readonly (readonly string[])[]): Promise<ResearchState> {
  const estimator = createResonanceEstimator({ inputDimensions: embedder.dimensions });
  const estimator16 = createResonanceEstimator({ inputDimensions: embedder.dimensions, projectedDimensions: 16 });
  const slots = createSlotMemory({ dimensions: embedder.dimensions });
  const patternSimilarities: number[] = [];
  const all: Float32Array[] = [];
  for (const session of sessions) {
    if (session.length === 0) continue;
    const vectors = await embedder.embed(session);
    all.push(...vectors);
    for (const vector of vectors) {
      estimator.observe(namespace, vector);
      estimator16.observe(namespace, vector);
    }
    patternSimilarities.push(slots.writeSession(namespace, vectors).patternSimilarity);
  }
  const spread = (of: ResonanceEstimator) => {
    const values = all.map((vector) => of.importance(namespace, vector).importance);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return { min: Math.min(...values), max: Math.max(...values), sd: Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) };
  };
  return { estimator, estimator16, slots, patternSimilarities, importanceSpread: { d64: spread(estimator), d16: spread(estimator16) } };
}
