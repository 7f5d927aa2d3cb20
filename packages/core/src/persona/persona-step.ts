import type { RememberInput } from '../records/remember-input.js';
import type { PersonaEvent } from './persona-event.js';
import type { PersonaSettings } from './persona-settings.js';
import type { PersonaState } from './persona-state.js';

/** What every transition is given: whose persona, when, its rules, and ids for what it creates. Internal. */
export interface PersonaStep {
  readonly namespace: string;
  readonly now: number;
  readonly settings: PersonaSettings;
  readonly newId: () => string;
}

/** A memory a transition asks to remember, written in the same transaction as the state. */
export interface PlannedMemory {
  readonly id: string;
  readonly input: RememberInput;
}

/** The outcome of a transition: the next state, what happened, and what to remember. Transitions are pure. */
export interface PersonaTransition {
  readonly state: PersonaState;
  readonly events: PersonaEvent[];
  readonly memories: PlannedMemory[];
}

/** A transition that changed nothing. */
export function unchanged(state: PersonaState): PersonaTransition {
  return { state, events: [], memories: [] };
}

/** Runs transitions one after another, collecting their events and memories. */
export function chain(
  state: PersonaState,
  ...steps: ((state: PersonaState) => PersonaTransition)[]
): PersonaTransition {
  const events: PersonaEvent[] = [];
  const memories: PlannedMemory[] = [];
  let current = state;
  for (const step of steps) {
    const next = step(current);
    current = next.state;
    events.push(...next.events);
    memories.push(...next.memories);
  }
  return { state: current, events, memories };
}
