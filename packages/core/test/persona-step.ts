import { PERSONA_DEFAULTS, type PersonaSettings } from '../src/persona/persona-settings.js';
import { emptyPersonaState, type PersonaState } from '../src/persona/persona-state.js';
import type { PersonaStep } from '../src/persona/persona-step.js';

export const DAY_MS = 86_400_000;
export const START = Date.parse('2026-03-01T09:00:00Z');

/** A transition step at `START + days`, with ids q1, q2, ... from one counter per test. */
export function stepper(settings: Partial<PersonaSettings> = {}): (days?: number) => PersonaStep {
  let next = 0;
  const newId = () => `id${++next}`;
  return (days = 0) => ({
    namespace: 'user:ana',
    now: START + days * DAY_MS,
    settings: { ...PERSONA_DEFAULTS, ...settings },
    newId,
  });
}

/** A fresh persona state created at `START`. */
export function freshState(): PersonaState {
  return emptyPersonaState(START, PERSONA_DEFAULTS.initialRelatedness);
}
