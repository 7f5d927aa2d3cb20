import { escapeMemoryText } from '../budget/escape-memory-text.js';
import { questionWeight } from './compute-drives.js';
import type { PersonaSettings } from './persona-settings.js';
import type { PersonaState } from './persona-state.js';

/** The frame of the "on my mind" section: the persona's open questions and its most important goal, before the memories. */
export const ON_MY_MIND_FRAME = Object.freeze({ open: '<on_my_mind>', close: '</on_my_mind>' });

/**
 * The short "on my mind" section for a prompt: the most pressing unresolved questions (by decayed
 * priority) and the most important active goal, or '' when there is none. Texts are escaped as
 * memory text is, so a question cannot close the section or forge a tag.
 */
export function renderOnMyMind(
  state: PersonaState,
  now: number,
  settings: Pick<PersonaSettings, 'questionHalfLifeDays' | 'onMyMindQuestions'>,
): string {
  const questions = state.questions
    .filter((question) => question.status === 'open' || question.status === 'asked')
    .map((question) => ({ question, weight: questionWeight(question, now, settings) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, settings.onMyMindQuestions);
  const goal = state.goals
    .filter((candidate) => candidate.status === 'active')
    .sort((a, b) => b.priority - a.priority)[0];
  if (questions.length === 0 && !goal) return '';
  const lines = questions.map(
    ({ question }) =>
      `- wondering${question.status === 'asked' ? ' (asked, waiting)' : ''}: ${escapeMemoryText(question.text)}`,
  );
  if (goal) lines.push(`- goal (progress ${Math.round(goal.progress * 100)}%): ${escapeMemoryText(goal.text)}`);
  return `${ON_MY_MIND_FRAME.open}\n${lines.join('\n')}\n${ON_MY_MIND_FRAME.close}`;
}
