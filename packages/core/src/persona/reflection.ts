import { z } from 'zod';
import type { MemoryRecord } from '../records/memory-record.js';
import { abandonGoal, completeGoal, recordProgress } from './goal-lifecycle.js';
import type { Goal, PersonaState } from './persona-state.js';
import { chain, type PersonaStep, type PersonaTransition } from './persona-step.js';

/** What the reflection model is shown: the goals (active, and recently ended) and the recent episodes. */
export interface ReflectionInput {
  namespace: string;
  now: Date;
  goals: readonly Goal[];
  episodes: readonly Pick<MemoryRecord, 'id' | 'text' | 'createdAt' | 'arousal'>[];
}

/** An injected model that reflects on goals: returns the answer object or its JSON text (validated with {@link reflectionAnswerSchema}). */
export type ReflectionModel = (input: ReflectionInput) => Promise<unknown> | unknown;

const note = z.string().trim().min(1).max(1000);

/** The answer a reflection model must give; anything else changes nothing. */
export const reflectionAnswerSchema = z
  .object({
    completed: z.array(z.object({ goalId: z.string().min(1), note: note.optional() }).strict()).default([]),
    abandoned: z.array(z.object({ goalId: z.string().min(1), reason: note }).strict()).default([]),
    progress: z.array(z.object({ goalId: z.string().min(1), progress: z.number().min(0).max(1) }).strict()).default([]),
  })
  .strict();

/** A validated reflection answer. */
export type ReflectionAnswer = z.output<typeof reflectionAnswerSchema>;

/** Problems that make an answer unusable against this state: unknown or inactive goals, a goal named twice. */
export function reflectionConflicts(
  state: PersonaState,
  answer: ReflectionAnswer,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const active = new Set(state.goals.filter((goal) => goal.status === 'active').map((goal) => goal.id));
  const ended = new Set<string>();
  for (const [list, entries] of [
    ['completed', answer.completed],
    ['abandoned', answer.abandoned],
    ['progress', answer.progress],
  ] as const) {
    entries.forEach((entry, index) => {
      if (!active.has(entry.goalId))
        issues.push({ path: `${list}.${index}.goalId`, message: `no active goal ${entry.goalId}` });
      if (list !== 'progress') {
        if (ended.has(entry.goalId))
          issues.push({
            path: `${list}.${index}.goalId`,
            message: `goal ${entry.goalId} is both completed and abandoned, or named twice`,
          });
        ended.add(entry.goalId);
      }
    });
  }
  return issues;
}

/** Applies a validated answer without conflicts: progress first, then completions (achievement episodes) and abandonments. */
export function applyReflection(state: PersonaState, answer: ReflectionAnswer, step: PersonaStep): PersonaTransition {
  const ended = new Set([...answer.completed, ...answer.abandoned].map((entry) => entry.goalId));
  return chain(
    state,
    ...answer.progress
      .filter((entry) => !ended.has(entry.goalId))
      .map(
        (entry) => (current: PersonaState) => recordProgress(current, { id: entry.goalId, progress: entry.progress }),
      ),
    ...answer.completed.map(
      (entry) => (current: PersonaState) => completeGoal(current, { id: entry.goalId, note: entry.note ?? null }, step),
    ),
    ...answer.abandoned.map(
      (entry) => (current: PersonaState) => abandonGoal(current, { id: entry.goalId, reason: entry.reason }, step),
    ),
  );
}
