import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Summarizer } from '@resonant/core';
import { parseInput, summarizerPrompt } from '@resonant/core/adapters';
import { z } from 'zod';

/** Options of {@link createLangChainSummarizer}. */
export interface LangChainSummarizerOptions {
  model: BaseChatModel;
}

const optionsSchema = z
  .object({
    model: z.custom<BaseChatModel>(
      (value) => typeof value === 'object' && value !== null && 'invoke' in value,
      'must be a LangChain chat model',
    ),
  })
  .strict();

/** A Resonant `Summarizer` over any LangChain chat model, for context compression and consolidation. */
export function createLangChainSummarizer(options: LangChainSummarizerOptions): Summarizer {
  const { model } = parseInput(optionsSchema, options, 'createLangChainSummarizer options');
  return async (input) => {
    const { system, prompt } = summarizerPrompt(input);
    const reply = await model.invoke([new SystemMessage(system), new HumanMessage(prompt)]);
    return reply.text.trim();
  };
}
