import { describe, expect, it } from 'vitest';
import { createTiktokenCounter } from '../text/token-counter.js';
import { resolveContextBudget } from './context-budget.js';
import { withPromptUsage } from './with-prompt-usage.js';

const counter = createTiktokenCounter();

describe('withPromptUsage', () => {
  it('measures the system text with the instruction and every message, keeping what else the caller reported', () => {
    const budget = { window: 2000, memory: 800, system: 200, conversation: 400, used: { system: 5, tools: 50 } };
    const measured = withPromptUsage(
      budget,
      { system: 'You are Mika.', messages: ['Hi!', 'こんにちは、元気？'] },
      'Cite memories.',
      counter,
    );
    expect(measured).toEqual({
      ...budget,
      used: {
        system: counter.count('You are Mika.\n\nCite memories.'),
        conversation: counter.count('Hi!') + counter.count('こんにちは、元気？'),
        tools: 50,
      },
    });
  });

  it('lets an overrunning conversation take its excess from memory', () => {
    const budget = { window: 1000, memory: 500, conversation: 200 };
    const long = 'word '.repeat(600);
    const resolved = resolveContextBudget(withPromptUsage(budget, { messages: [long] }, 'Cite.', counter));
    expect(resolved.memoryTokens).toBe(Math.max(0, 1000 - counter.count(long) - counter.count('Cite.')));
  });

  it('leaves a tokens budget as it is', () => {
    expect(withPromptUsage({ tokens: 300 }, { system: 'x', messages: ['y'] }, 'z', counter)).toEqual({ tokens: 300 });
  });
});
