import { createEpisode } from '../affect/create-episode.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { achievementText } from './episode-text.js';
import type { PersonaEvent } from './persona-event.js';
import type { Goal, PersonaState } from './persona-state.js';
import type { PersonaStep, PersonaTransition } from './persona-step.js';

const DAY_MS = 86_400_000;

/** Adds an active goal. A short-term goal beyond `maxShortTermGoals` active ones is refused: goals leave by completion or abandonment, never silently. */
export function addGoal(
  state: PersonaState,
  goal: { text: string; priority: number; term: 'short' | 'long' },
  step: PersonaStep,
): PersonaTransition {
  const activeShort = state.goals.filter(
    (candidate) => candidate.status === 'active' && candidate.term === 'short',
  ).length;
  if (goal.term === 'short' && activeShort >= step.settings.maxShortTermGoals) {
    throw new InvalidInputError(
      `This persona already pursues ${activeShort} short-term goals (at most ${step.settings.maxShortTermGoals}); complete or abandon one first.`,
      [{ path: 'term', message: 'too many active short-term goals' }],
    );
  }
  const added: Goal = {
    id: step.newId(),
    text: goal.text,
    priority: goal.priority,
    term: goal.term,
    status: 'active',
    createdAt: step.now,
    progress: 0,
    reviews: 0,
    abandonProposedAt: null,
    endedAt: null,
    note: null,
  };
  return {
    state: { ...state, goals: [...state.goals, added] },
    events: [{ type: 'goal_added', goalId: added.id }],
    memories: [],
  };
}

/** Records progress 0..1 on an active goal. */
export function recordProgress(state: PersonaState, update: { id: string; progress: number }): PersonaTransition {
  const goal = activeGoal(state, update.id);
  return {
    state: replaceGoal(state, { ...goal, progress: update.progress }),
    events: [{ type: 'goal_progress', goalId: goal.id, progress: update.progress }],
    memories: [],
  };
}

/** Completes an active goal; the completion is remembered as an achievement episode (arousal 0.8). */
export function completeGoal(
  state: PersonaState,
  completion: { id: string; note?: string | null },
  step: PersonaStep,
): PersonaTransition {
  const goal = activeGoal(state, completion.id);
  const completed: Goal = {
    ...goal,
    status: 'completed',
    progress: 1,
    endedAt: step.now,
    note: completion.note ?? null,
  };
  const episode = createEpisode({
    type: 'achievement',
    namespace: step.namespace,
    text: achievementText(completed),
    createdAt: new Date(step.now),
    metadata: { persona: { goal: goal.id } },
  });
  return {
    state: pruneEnded(replaceGoal(state, completed), step),
    events: [{ type: 'goal_completed', goalId: goal.id }],
    memories: [{ id: step.newId(), input: episode }],
  };
}

/** Abandons an active goal, keeping the reason. */
export function abandonGoal(
  state: PersonaState,
  abandonment: { id: string; reason: string },
  step: PersonaStep,
): PersonaTransition {
  const goal = activeGoal(state, abandonment.id);
  return {
    state: pruneEnded(
      replaceGoal(state, { ...goal, status: 'abandoned', endedAt: step.now, note: abandonment.reason }),
      step,
    ),
    events: [{ type: 'goal_abandoned', goalId: goal.id }],
    memories: [],
  };
}

/**
 * What time does to goals, run before every change and every read: each `goalReviewDays` a goal
 * stays active it is reviewed once, its priority lowered by `goalLowerFactor`, or, when already
 * under `goalProposeAbandonBelow`, proposed for abandonment (the reflection step decides).
 */
export function settleGoals(state: PersonaState, step: PersonaStep): PersonaTransition {
  const events: PersonaEvent[] = [];
  const { goalReviewDays, goalLowerFactor, goalProposeAbandonBelow } = step.settings;
  const goals = state.goals.map((goal) => {
    if (goal.status !== 'active') return goal;
    const due = Math.floor((step.now - goal.createdAt) / (goalReviewDays * DAY_MS));
    let reviewed = goal;
    while (reviewed.reviews < due) {
      if (reviewed.priority < goalProposeAbandonBelow) {
        if (reviewed.abandonProposedAt === null) events.push({ type: 'goal_abandon_proposed', goalId: goal.id });
        reviewed = {
          ...reviewed,
          reviews: reviewed.reviews + 1,
          abandonProposedAt: reviewed.abandonProposedAt ?? step.now,
        };
      } else {
        reviewed = { ...reviewed, reviews: reviewed.reviews + 1, priority: reviewed.priority * goalLowerFactor };
        events.push({ type: 'goal_lowered', goalId: goal.id, priority: reviewed.priority });
      }
    }
    return reviewed;
  });
  return { state: events.length === 0 ? state : { ...state, goals }, events, memories: [] };
}

/** Keeps the newest `keepEndedGoals` completed or abandoned goals; the episodes remember the rest. */
function pruneEnded(state: PersonaState, step: PersonaStep): PersonaState {
  const ended = state.goals
    .filter((goal) => goal.status !== 'active')
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  const dropped = new Set(ended.slice(step.settings.keepEndedGoals));
  return dropped.size === 0 ? state : { ...state, goals: state.goals.filter((goal) => !dropped.has(goal)) };
}

function activeGoal(state: PersonaState, id: string): Goal {
  const goal = state.goals.find((candidate) => candidate.id === id);
  if (!goal) throw new NotFoundError(`No goal ${id} in this persona.`);
  if (goal.status !== 'active')
    throw new InvalidInputError(`Goal ${id} is ${goal.status}, not active.`, [
      { path: 'id', message: `goal is ${goal.status}` },
    ]);
  return goal;
}

function replaceGoal(state: PersonaState, goal: Goal): PersonaState {
  return { ...state, goals: state.goals.map((candidate) => (candidate.id === goal.id ? goal : candidate)) };
}
