import { z } from 'zod';
import { EMOTION_CATEGORIES } from '../affect/emotion-vocabulary.js';

// The state document a PersonaStateStore keeps per namespace. Times are epoch milliseconds, so the
// document is plain JSON; `format` lets a later version read (and migrate) an older document.

const time = z.number().int();
const unit = z.number().min(0).max(1);

/** The lifecycle of an open question: added -> asked -> resolved -> consolidated (a memory) -> archived (leaves the state). */
export const QUESTION_STATUSES = ['open', 'asked', 'resolved', 'consolidated'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const openQuestionSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  /** Priority when added, 0..1; the weight it carries decays with time (`questionWeight`). */
  priority: unit,
  status: z.enum(QUESTION_STATUSES),
  addedAt: time,
  askedAt: time.nullable(),
  resolvedAt: time.nullable(),
  answer: z.string().nullable(),
  /** What the answer becomes at consolidation: a fact about the user or the world, or the persona's own insight. */
  becomes: z.enum(['fact', 'insight']),
  consolidatedAt: time.nullable(),
  /** The fact or insight memory made at consolidation. */
  memoryId: z.string().nullable(),
});
export type OpenQuestion = z.infer<typeof openQuestionSchema>;

export const GOAL_STATUSES = ['active', 'completed', 'abandoned'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const goalSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  /** Current priority 0..1 (lowered by reviews). */
  priority: unit,
  term: z.enum(['short', 'long']),
  status: z.enum(GOAL_STATUSES),
  createdAt: time,
  /** Progress 0..1 the reflection step reports. */
  progress: unit,
  /** How many 30-day reviews have run on it. */
  reviews: z.number().int().min(0),
  /** Set when a review proposed abandoning it. */
  abandonProposedAt: time.nullable(),
  endedAt: time.nullable(),
  /** Why it was abandoned, or a note on its completion. */
  note: z.string().nullable(),
});
export type Goal = z.infer<typeof goalSchema>;

export const personaStateSchema = z.object({
  format: z.literal(1),
  createdAt: time,
  lastExchangeAt: time.nullable(),
  relatedness: unit,
  /** The last persona-emotion intensities, oldest first. */
  intensities: z.array(unit),
  lastEmotion: z.enum(EMOTION_CATEGORIES).nullable(),
  /** The conversation under way: when it began and the drives then, for its episode arousal. */
  conversation: z.object({ startedAt: time, lastAt: time, curiosity: unit, relatedness: unit }).nullable(),
  /** A hurt not yet mended: how bad it was and the relatedness before it. */
  crisis: z.object({ startedAt: time, severity: unit, relatednessBefore: unit }).nullable(),
  questions: z.array(openQuestionSchema),
  goals: z.array(goalSchema),
});
/** Everything a persona remembers about itself in one namespace (stored as JSON by the store's persona capability). */
export type PersonaState = z.infer<typeof personaStateSchema>;

/** The state of a persona that has never been used in a namespace. */
export function emptyPersonaState(now: number, relatedness: number): PersonaState {
  return {
    format: 1,
    createdAt: now,
    lastExchangeAt: null,
    relatedness,
    intensities: [],
    lastEmotion: null,
    conversation: null,
    crisis: null,
    questions: [],
    goals: [],
  };
}
