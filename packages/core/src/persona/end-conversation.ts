import { curiosityAt } from './compute-drives.js';
import { conversationArousal } from './conversation-arousal.js';
import type { PersonaEvent } from './persona-event.js';
import type { PersonaState } from './persona-state.js';
import type { PersonaStep, PersonaTransition } from './persona-step.js';

/**
 * Ends the conversation under way: its episode arousal follows from what it changed
 * (`conversationArousal`); with `text` (what it was about) that is remembered as an episode.
 */
export function endConversation(
  state: PersonaState,
  ending: { text: string | null },
  step: PersonaStep,
): PersonaTransition & { arousal: number } {
  if (state.conversation === null) return { state, events: [], memories: [], arousal: 0 };
  const arousal = conversationArousalOf(state, step.now, step);
  const memories = ending.text
    ? [
        {
          id: step.newId(),
          input: {
            namespace: step.namespace,
            kind: 'episode' as const,
            text: ending.text,
            createdAt: new Date(step.now),
            arousal,
            metadata: { persona: { conversation: state.conversation.startedAt } },
          },
        },
      ]
    : [];
  return {
    state: { ...state, conversation: null },
    events: [{ type: 'conversation_ended', arousal }],
    memories,
    arousal,
  };
}

/** Ends the conversation under way once its pause is longer than the gap (its arousal is reported, nothing is remembered without text). */
export function endIdleConversation(state: PersonaState, step: PersonaStep, events: PersonaEvent[]): PersonaState {
  const conversation = state.conversation;
  if (conversation === null || step.now - conversation.lastAt <= step.settings.conversationGapMinutes * 60_000)
    return state;
  events.push({ type: 'conversation_ended', arousal: conversationArousalOf(state, conversation.lastAt, step) });
  return { ...state, conversation: null };
}

/** The episode arousal of the conversation under way, measured at `at` (0 when none is under way). */
export function conversationArousalOf(state: PersonaState, at: number, step: PersonaStep): number {
  const conversation = state.conversation;
  if (conversation === null) return 0;
  return conversationArousal({
    curiosityChange: curiosityAt(state.questions, at, step.settings) - conversation.curiosity,
    relatednessChange: state.relatedness - conversation.relatedness,
    intensities: state.intensities,
  });
}
