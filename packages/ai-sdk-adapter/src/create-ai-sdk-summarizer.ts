import type { Summarizer } from '@resonant/core';
import { parseInput, summarizerPrompt } from '@resonant/core/adapters';
import { generateText, type LanguageModel } from 'ai';
import { z } from 'zod';

/** Options of {@link createAiSdkSummarizer}. */
export interface AiSdkSummarizerOptions {
  model: LanguageModel;
  /** Retries per call, passed to `generateText`. @default 2 (the AI SDK's) */
  maxRetries?: number;
}

const optionsSchema = z
  .object({
    model: z.union([
      z.string().min(1),
      z.custom<Exclude<LanguageModel, string>>((value) => typeof value === 'object' && value !== null),
    ]),
    maxRetries: z.number().int().min(0).optional(),
  })
  .strict();

/** A Resonant `Summarizer` over any AI SDK language model, for context compression and consolidation. */
export function createAiSdkSummarizer(options: AiSdkSummarizerOptions): Summarizer {
  const { model, maxRetries } = parseInput(optionsSchema, options, 'createAiSdkSummarizer options');
  return async (input) => {
    const { system, prompt } = summarizerPrompt(input);
    const { text } = await generateText({
      model,
      system,
      prompt,
      maxOutputTokens: Math.max(16, input.targetTokens),
      maxRetries,
    });
    return text.trim();
  };
}
