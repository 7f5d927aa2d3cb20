import type { TokenCounter } from '../text/token-counter.js';
import type { ContextBudgetInput } from './context-budget.js';

/** What else a turn's prompt holds besides the memory block, as the model will see it. */
export interface TurnPrompt {
  /** The system text already there (persona, rules); the tag instruction joins it. */
  system?: string;
  /** The texts of the conversation's messages, the latest user message included. */
  messages?: readonly string[];
}

/**
 * A window budget with `used.system` and `used.conversation` measured from the prompt, so a long
 * conversation takes its excess from memory and the window holds (see `ContextBudget`); a
 * `{ tokens }` budget comes back as it is. Message texts are counted as text: a chat template's few
 * tokens per message are not, which is what `responseReserve` headroom is for.
 */
export function withPromptUsage(
  budget: ContextBudgetInput,
  prompt: TurnPrompt,
  instruction: string,
  counter: TokenCounter,
): ContextBudgetInput {
  if ('tokens' in budget) return budget;
  const system = counter.count(prompt.system ? `${prompt.system}\n\n${instruction}` : instruction);
  const used = { ...budget.used, system };
  if (prompt.messages) used.conversation = prompt.messages.reduce((sum, text) => sum + counter.count(text), 0);
  return { ...budget, used };
}
