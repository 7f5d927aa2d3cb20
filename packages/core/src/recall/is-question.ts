/** Ends with a question mark (ASCII or full-width), trailing spaces aside. */
const ENDS_AS_QUESTION = /[?？]\s*$/u;

/**
 * Whether a memory's text ends as a question. A turn that asks ("What kind of yoga is it?")
 * echoes the words of a later question about the same thing but holds no answer itself: the
 * answer is in the turn after it, which context spread reaches from the question's own score.
 */
export function isQuestion(text: string): boolean {
  return ENDS_AS_QUESTION.test(text);
}
