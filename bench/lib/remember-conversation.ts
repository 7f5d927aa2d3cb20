import type { Memory, RememberInput } from '@resonant/core';
import type { LocomoConversation, LocomoTurn } from './load-locomo.js';

/** The namespace a LoCoMo conversation is stored under (one per conversation). */
export function locomoNamespace(conversation: LocomoConversation): string {
  return `locomo:${conversation.sampleId}`;
}

/**
 * How a turn is stored: attributed to its speaker, as a chat log would keep it, with the caption of
 * a shared image (the only trace of the image the agent saw).
 */
export function turnText(turn: LocomoTurn): string {
  const caption = turn.blipCaption ? ` [shared a photo: ${turn.blipCaption}]` : '';
  return `${turn.speaker}: ${turn.text}${caption}`;
}

/** The memory of one turn: created at its session's date (plus its position, to keep order), tagged with its dia id. */
export function turnInput(conversation: LocomoConversation, turn: LocomoTurn): RememberInput {
  return {
    namespace: locomoNamespace(conversation),
    text: turnText(turn),
    createdAt: new Date(turn.sessionDate.getTime() + turn.indexInSession * 1000),
    metadata: { diaId: turn.diaId, speaker: turn.speaker, session: turn.session },
  };
}

/** Remembers every turn of a conversation in one transaction; returns the namespace. */
export async function rememberConversation(memory: Memory, conversation: LocomoConversation): Promise<string> {
  await memory.rememberMany(conversation.turns.map((turn) => turnInput(conversation, turn)));
  return locomoNamespace(conversation);
}

/** Share of a question's evidence ids among the retrieved ones (1 when there is no evidence). */
export function evidenceRecall(retrievedDiaIds: readonly string[], evidence: readonly string[]): number {
  if (evidence.length === 0) return 1;
  const retrieved = new Set(retrievedDiaIds);
  return evidence.filter((id) => retrieved.has(id)).length / evidence.length;
}
