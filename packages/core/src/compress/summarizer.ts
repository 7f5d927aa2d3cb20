/** What a {@link Summarizer} is asked to condense. */
export interface SummarizerInput {
  /** The texts to condense into one summary (usually one memory's text). */
  texts: string[];
  /** Length to aim for, in tokens of the context's tokenizer. A summarizer may miss it; the caller measures. */
  targetTokens: number;
  /** Names, numbers, dates and terms the summary should keep verbatim when it can. */
  preserve: string[];
}

/**
 * Condenses texts for the context window. The default is extractive and offline
 * (`createExtractiveSummarizer`); adapters plug in LLM summarizers. Its output is treated as
 * untrusted text, measured, and escaped like stored memories.
 */
export type Summarizer = (input: SummarizerInput) => Promise<string>;
