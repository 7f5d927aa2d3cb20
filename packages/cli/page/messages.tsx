import type { Answer } from './use-answer.js';

/** A loading line, the error of an answer, or nothing. */
export function AnswerStatus({ answer }: { answer: Answer<unknown> }) {
  if (answer.error !== null)
    return (
      <p class="error" role="alert">
        {answer.error}
      </p>
    );
  if (answer.loading && answer.data === null) return <p class="muted">Loading…</p>;
  return null;
}
