// @resonant/core/persona: drives, open questions, goals and relatedness of a companion character.
// Optional: nothing here runs or stores anything until `createPersona` is called. Every line is an API decision.

export {
  createPersona,
  type CreatePersonaOptions,
  type Persona,
  type PersonaChange,
  type PersonaSnapshot,
} from './create-persona.js';
export { PERSONA_DEFAULTS, type PersonaSettings } from './persona-settings.js';
export type { PersonaDrives } from './compute-drives.js';
export { boredomAt, curiosityAt, questionWeight } from './compute-drives.js';
export { conversationArousal, intensityVariance, type ConversationArousalInput } from './conversation-arousal.js';
export { RELATEDNESS_WEIGHTS } from './relatedness-weights.js';
export { nextRelatedness } from './observe-exchange.js';
export { ON_MY_MIND_FRAME } from './on-my-mind.js';
export {
  reflectionAnswerSchema,
  type ReflectionAnswer,
  type ReflectionInput,
  type ReflectionModel,
} from './reflection.js';
export { reflectionPrompt, type ReflectionPrompt } from './reflection-prompt.js';
export type { PersonaEvent } from './persona-event.js';
export {
  QUESTION_STATUSES,
  GOAL_STATUSES,
  type OpenQuestion,
  type QuestionStatus,
  type Goal,
  type GoalStatus,
  type PersonaState,
} from './persona-state.js';
export type { PersonaStateStore, PersonaStateSnapshot, PersonaStateWrite } from '../store/persona-state-store.js';
