import type { PersonaSettings } from './persona-settings.js';
import type { OpenQuestion, PersonaState } from './persona-state.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The four drives of a persona, each 0..1. */
export interface PersonaDrives {
  /** Idle time since the last exchange on a logarithmic curve. */
  boredom: number;
  /** `min(1, (Σ unasked weights + 0.5 · Σ asked-unresolved weights) / 2)`. */
  curiosity: number;
  /** The priority of the most important active goal. */
  goalDrive: number;
  /** Closeness grown from warmth and trust, lost through hurt. */
  relatedness: number;
}

/** `ln(1 + idle hours) / ln(1 + saturation hours)`, clamped to 1; idle time counts from the last exchange, else from the persona's creation. */
export function boredomAt(
  state: PersonaState,
  now: number,
  settings: Pick<PersonaSettings, 'boredomSaturationHours'>,
): number {
  const idleHours = Math.max(0, now - (state.lastExchangeAt ?? state.createdAt)) / HOUR_MS;
  return Math.min(1, Math.log1p(idleHours) / Math.log1p(settings.boredomSaturationHours));
}

/** A question's priority after decay: halved every half-life since it was added or, once asked, since it was asked. */
export function questionWeight(
  question: OpenQuestion,
  now: number,
  settings: Pick<PersonaSettings, 'questionHalfLifeDays'>,
): number {
  const since = question.askedAt ?? question.addedAt;
  const days = Math.max(0, now - since) / DAY_MS;
  return question.priority * 0.5 ** (days / settings.questionHalfLifeDays);
}

/** Curiosity from the open questions: unasked ones weigh fully, asked-but-unresolved ones half. */
export function curiosityAt(
  questions: readonly OpenQuestion[],
  now: number,
  settings: Pick<PersonaSettings, 'questionHalfLifeDays'>,
): number {
  let sum = 0;
  for (const question of questions) {
    if (question.status === 'open') sum += questionWeight(question, now, settings);
    else if (question.status === 'asked') sum += 0.5 * questionWeight(question, now, settings);
  }
  return Math.min(1, sum / 2);
}

/** The drives of a (settled) state at `now`. */
export function computeDrives(state: PersonaState, now: number, settings: PersonaSettings): PersonaDrives {
  const active = state.goals.filter((goal) => goal.status === 'active');
  return {
    boredom: boredomAt(state, now, settings),
    curiosity: curiosityAt(state.questions, now, settings),
    goalDrive: active.reduce((best, goal) => Math.max(best, goal.priority), 0),
    relatedness: state.relatedness,
  };
}
