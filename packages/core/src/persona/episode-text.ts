import type { Goal, OpenQuestion } from './persona-state.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Japanese when the persona's own words are, else English: episodes read in the language they were lived in. */
function inJapanese(...texts: readonly (string | null)[]): boolean {
  return texts.some((text) => text !== null && JAPANESE.test(text));
}

/** The text of the discovery episode a resolved question becomes. */
export function discoveryText(question: OpenQuestion): string {
  return inJapanese(question.text, question.answer)
    ? `分かったこと: ${question.text} → ${question.answer}`
    : `I found out: ${question.text} — ${question.answer}`;
}

/** The text of the fact or insight memory a resolved question becomes at consolidation. */
export function answerText(question: OpenQuestion): string {
  if (question.becomes === 'insight')
    return inJapanese(question.text, question.answer)
      ? `気づき: ${question.answer}（${question.text}）`
      : `Insight: ${question.answer} (from wondering: ${question.text})`;
  return inJapanese(question.text, question.answer)
    ? `${question.text} → ${question.answer}`
    : `${question.text} ${question.answer}`;
}

/** The text of the achievement episode a completed goal becomes. */
export function achievementText(goal: Goal): string {
  const note = goal.note ? (inJapanese(goal.text, goal.note) ? `（${goal.note}）` : ` (${goal.note})`) : '';
  return inJapanese(goal.text, goal.note)
    ? `目標を達成した: ${goal.text}${note}`
    : `We reached a goal: ${goal.text}${note}`;
}

/** The text of the bonding episode a mended crisis becomes; `context` is the exchange that mended it, when known. */
export function bondingText(severity: number, context: string | null): string {
  if (context && inJapanese(context)) return `つらい時を一緒に乗り越えた（深刻さ ${severity.toFixed(2)}）: ${context}`;
  return context
    ? `We came through a hard moment together (severity ${severity.toFixed(2)}): ${context}`
    : `We came through a hard moment together (severity ${severity.toFixed(2)}).`;
}
