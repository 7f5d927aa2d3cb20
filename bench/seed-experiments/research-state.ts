import type { Embedder } from '@resonant/core';
import { createResonanceEstimator, createSlotMemory, type ResonanceEstimator, type SlotMemory } from '@resonant/core/research';

/** A namespace's research signals, built from its sessions in order, and what the slots measured on the way. */
export interface ResearchState {
  estimator: ResonanceEstimator;
  slots: SlotMemory;
  /** Pattern similarity of each session write, in order. */
  patternSimilarities: number[];
}

/**
 * Feeds a namespace's sessions (texts as stored) to fresh research signals: every memory into the
 * fast weights in creation order, every session's embeddings into the slots.
 */
export async function buildResearchState(embedder: Embedder, namespace: string, sessions: readonly (readonly string[])[]): Promise<ResearchState> {
  const estimator = createResonanceEstimator({ inputDimensions: embedder.dimensions });
  const slots = createSlotMemory({ dimensions: embedder.dimensions });
  const patternSimilarities: number[] = [];
  for (const session of sessions) {
    if (session.length === 0) continue;
    const vectors = await embedder.embed(session);
    for (const vector of vectors) estimator.observe(namespace, vector);
    patternSimilarities.push(slots.writeSession(namespace, vectors).patternSimilarity);
  }
  return { estimator, slots, patternSimilarities };
}
