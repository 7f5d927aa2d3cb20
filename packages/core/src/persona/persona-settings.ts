import { z } from 'zod';

/** The rules of persona drives and lifecycles; each can be overridden in `createPersona({ settings })`. */
export const PERSONA_DEFAULTS = Object.freeze({
  /** Boredom reaches 1 after this much idle time: `ln(1 + idle hours) / ln(1 + this)`. @default 72 */
  boredomSaturationHours: 72,
  /** Open (unasked or asked, unresolved) questions kept at most; the least important unasked one gives way. @default 10 */
  maxOpenQuestions: 10,
  /** An unresolved question's priority halves over this many days since it was added or asked, so curiosity fades when nothing happens. @default 14 */
  questionHalfLifeDays: 14,
  /** An unresolved question whose decayed priority falls under this leaves (expired). @default 0.05 */
  questionExpiresBelow: 0.05,
  /** A question turned into a memory at consolidation is archived this many days later. @default 7 */
  archiveAfterDays: 7,
  /** Active short-term goals kept at most. @default 10 */
  maxShortTermGoals: 10,
  /** Every this many days a goal stays active, it is reviewed: lowered, or proposed for abandonment. @default 30 */
  goalReviewDays: 30,
  /** A reviewed goal's priority is multiplied by this... @default 0.5 */
  goalLowerFactor: 0.5,
  /** ...unless it is already under this: then it is proposed for abandonment instead. @default 0.4 */
  goalProposeAbandonBelow: 0.4,
  /** Completed and abandoned goals kept in the state (newest), for reflection. @default 20 */
  keepEndedGoals: 20,
  /** Relatedness of a new persona. @default 0.3 */
  initialRelatedness: 0.3,
  /** Warmth and trust move relatedness this share of the way to 1, times intensity and the category's weight. @default 0.15 */
  relatednessRise: 0.15,
  /** Hurt moves it this share of the way to 0, the same way: trust is lost faster than it grows. @default 0.3 */
  relatednessFall: 0.3,
  /** A hurt emotion at or above this intensity opens a crisis; coming back to the relatedness before it is a bonding episode. @default 0.5 */
  crisisIntensity: 0.5,
  /** A pause longer than this ends a conversation (the consolidation session gap). @default 30 */
  conversationGapMinutes: 30,
  /** Persona-emotion intensities kept for the variance in episode arousal. @default 10 */
  emotionWindow: 10,
  /** Recent episodes handed to the reflection model. @default 10 */
  reflectionEpisodes: 10,
  /** Open questions the "on my mind" section lists at most. @default 3 */
  onMyMindQuestions: 3,
});

/** The persona's rules (see {@link PERSONA_DEFAULTS}). */
export type PersonaSettings = { -readonly [Key in keyof typeof PERSONA_DEFAULTS]: number };

const positive = z.number().positive().max(100_000);
const unit = z.number().min(0).max(1);
const count = z.number().int().min(1).max(1000);

export const personaSettingsSchema = z
  .object({
    boredomSaturationHours: positive,
    maxOpenQuestions: count,
    questionHalfLifeDays: positive,
    questionExpiresBelow: unit,
    archiveAfterDays: z.number().min(0).max(100_000),
    maxShortTermGoals: count,
    goalReviewDays: positive,
    goalLowerFactor: unit,
    goalProposeAbandonBelow: unit,
    keepEndedGoals: z.number().int().min(0).max(1000),
    initialRelatedness: unit,
    relatednessRise: unit,
    relatednessFall: unit,
    crisisIntensity: unit,
    conversationGapMinutes: positive,
    emotionWindow: count,
    reflectionEpisodes: z.number().int().min(0).max(1000),
    onMyMindQuestions: z.number().int().min(0).max(10),
  })
  .partial()
  .strict();
