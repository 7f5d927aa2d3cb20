import type { PersonaEvent } from './persona-event.js';
import type { PersonaState } from './persona-state.js';
import { chain, type PersonaStep, type PersonaTransition } from './persona-step.js';
import { endIdleConversation } from './end-conversation.js';
import { settleGoals } from './goal-lifecycle.js';
import { settleQuestions } from './question-lifecycle.js';

/**
 * Everything time alone does, as a pure function of `now`: questions decay and expire or are
 * archived, goals are reviewed, an idle conversation ends. It runs before every change and every read,
 * so no scheduler has to remember to call it.
 */
export function settlePersona(state: PersonaState, step: PersonaStep): PersonaTransition {
  return chain(
    state,
    (current) => settleQuestions(current, step),
    (current) => settleGoals(current, step),
    (current) => {
      const events: PersonaEvent[] = [];
      return { state: endIdleConversation(current, step, events), events, memories: [] };
    },
  );
}
