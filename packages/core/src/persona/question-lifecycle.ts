import { createEpisode } from '../affect/create-episode.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { questionWeight } from './compute-drives.js';
import { answerText, discoveryText } from './episode-text.js';
import type { PersonaEvent } from './persona-event.js';
import type { OpenQuestion, PersonaState, QuestionStatus } from './persona-state.js';
import type { PersonaStep, PersonaTransition } from './persona-step.js';

const DAY_MS = 86_400_000;

/** Unresolved: it still counts toward curiosity and the cap. */
const isUnresolved = (question: OpenQuestion) => question.status === 'open' || question.status === 'asked';

/**
 * Adds a question at full weight. When more than `maxOpenQuestions` are unresolved, the least
 * important unasked one (the newcomer included, the oldest on a tie) gives way, so a full list of
 * asked questions never blocks anything: the newcomer is then the one turned away.
 */
export function addQuestion(
  state: PersonaState,
  question: { text: string; priority: number; becomes: 'fact' | 'insight' },
  step: PersonaStep,
): PersonaTransition {
  const added: OpenQuestion = {
    id: step.newId(),
    text: question.text,
    priority: question.priority,
    status: 'open',
    addedAt: step.now,
    askedAt: null,
    resolvedAt: null,
    answer: null,
    becomes: question.becomes,
    consolidatedAt: null,
    memoryId: null,
  };
  const questions = [...state.questions, added];
  const events: PersonaEvent[] = [{ type: 'question_added', questionId: added.id }];
  if (questions.filter(isUnresolved).length > step.settings.maxOpenQuestions) {
    const weakest = questions
      .filter((candidate) => candidate.status === 'open')
      .reduce((weakest, candidate) =>
        questionWeight(candidate, step.now, step.settings) < questionWeight(weakest, step.now, step.settings)
          ? candidate
          : weakest,
      );
    events.push({ type: 'question_displaced', questionId: weakest.id, by: weakest.id === added.id ? null : added.id });
    return {
      state: { ...state, questions: questions.filter((candidate) => candidate !== weakest) },
      events,
      memories: [],
    };
  }
  return { state: { ...state, questions }, events, memories: [] };
}

/** Marks a question as asked: from now on it weighs half, waiting for an answer. */
export function askQuestion(state: PersonaState, id: string, step: PersonaStep): PersonaTransition {
  const question = findQuestion(state, id, ['open']);
  return {
    state: replaceQuestion(state, { ...question, status: 'asked', askedAt: step.now }),
    events: [{ type: 'question_asked', questionId: id }],
    memories: [],
  };
}

/** Resolves a question with its answer; the resolution is remembered as a discovery episode (arousal 0.6). */
export function resolveQuestion(
  state: PersonaState,
  resolution: { id: string; answer: string },
  step: PersonaStep,
): PersonaTransition {
  const question = findQuestion(state, resolution.id, ['open', 'asked']);
  const resolved: OpenQuestion = { ...question, status: 'resolved', resolvedAt: step.now, answer: resolution.answer };
  const episode = createEpisode({
    type: 'discovery',
    namespace: step.namespace,
    text: discoveryText(resolved),
    createdAt: new Date(step.now),
    metadata: { persona: { question: question.id } },
  });
  return {
    state: replaceQuestion(state, resolved),
    events: [{ type: 'question_resolved', questionId: question.id }],
    memories: [{ id: step.newId(), input: episode }],
  };
}

/** At consolidation, every resolved question becomes a fact or an insight memory and waits `archiveAfterDays` to be archived. */
export function consolidateQuestions(state: PersonaState, step: PersonaStep): PersonaTransition {
  const events: PersonaEvent[] = [];
  const memories: PersonaTransition['memories'] = [];
  const questions = state.questions.map((question) => {
    if (question.status !== 'resolved') return question;
    const memoryId = step.newId();
    memories.push({
      id: memoryId,
      input: {
        namespace: step.namespace,
        kind: 'fact',
        text: answerText(question),
        createdAt: new Date(step.now),
        metadata: { persona: { question: question.id, becomes: question.becomes } },
      },
    });
    events.push({ type: 'question_consolidated', questionId: question.id, memoryId });
    return { ...question, status: 'consolidated' as const, consolidatedAt: step.now, memoryId };
  });
  return { state: { ...state, questions }, events, memories };
}

/**
 * What time alone does to questions, run before every change and every read (so decay cannot be
 * skipped): an unresolved question whose decayed priority fell under `questionExpiresBelow` leaves,
 * and a consolidated one leaves `archiveAfterDays` after it became a memory.
 */
export function settleQuestions(state: PersonaState, step: PersonaStep): PersonaTransition {
  const events: PersonaEvent[] = [];
  const questions = state.questions.filter((question) => {
    if (
      isUnresolved(question) &&
      questionWeight(question, step.now, step.settings) < step.settings.questionExpiresBelow
    ) {
      events.push({ type: 'question_expired', questionId: question.id });
      return false;
    }
    if (
      question.status === 'consolidated' &&
      question.consolidatedAt !== null &&
      step.now - question.consolidatedAt >= step.settings.archiveAfterDays * DAY_MS
    ) {
      events.push({ type: 'question_archived', questionId: question.id });
      return false;
    }
    return true;
  });
  return { state: events.length === 0 ? state : { ...state, questions }, events, memories: [] };
}

function findQuestion(state: PersonaState, id: string, allowed: readonly QuestionStatus[]): OpenQuestion {
  const question = state.questions.find((candidate) => candidate.id === id);
  if (!question)
    throw new NotFoundError(`No open question ${id} in this persona (it may have expired or been archived).`);
  if (!allowed.includes(question.status)) {
    throw new InvalidInputError(`Question ${id} is ${question.status}; this step needs it ${allowed.join(' or ')}.`, [
      { path: 'id', message: `question is ${question.status}` },
    ]);
  }
  return question;
}

function replaceQuestion(state: PersonaState, question: OpenQuestion): PersonaState {
  return {
    ...state,
    questions: state.questions.map((candidate) => (candidate.id === question.id ? question : candidate)),
  };
}
