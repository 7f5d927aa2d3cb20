import type { ReflectionInput } from './reflection.js';

/** The system and user text that ask a chat model for a reflection answer; the adapters send it to their framework's model. */
export interface ReflectionPrompt {
  system: string;
  prompt: string;
}

/** Builds the reflection request for a chat model: goals and episodes in, one JSON object out. */
export function reflectionPrompt(input: ReflectionInput): ReflectionPrompt {
  const system = [
    'You are the reflective voice of a companion character reviewing its own goals.',
    'Answer with one JSON object and nothing else:',
    '{"completed":[{"goalId":"…","note":"…"}],"abandoned":[{"goalId":"…","reason":"…"}],"progress":[{"goalId":"…","progress":0.5}]}',
    'Name only active goals by their id. Mark a goal completed only if the episodes show it was reached.',
    'Abandon a goal that no longer makes sense, with the reason. Progress is 0 to 1. Leave lists empty when nothing changed.',
  ].join('\n');
  const goals = input.goals.map(
    (goal) =>
      `- ${goal.id} [${goal.status}, priority ${goal.priority.toFixed(2)}, progress ${goal.progress.toFixed(2)}${goal.abandonProposedAt !== null ? ', proposed for abandonment' : ''}]: ${goal.text}`,
  );
  const episodes = input.episodes.map(
    (episode) =>
      `- ${episode.createdAt.toISOString().slice(0, 10)}: ${episode.text.replace(/\s+/g, ' ').slice(0, 400)}`,
  );
  return {
    system,
    prompt: `Goals:\n${goals.join('\n') || '(none)'}\n\nRecent episodes:\n${episodes.join('\n') || '(none)'}`,
  };
}
