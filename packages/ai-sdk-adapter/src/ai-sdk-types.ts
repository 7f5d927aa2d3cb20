import type { LanguageModelMiddleware } from 'ai';

// The language-model specification types of the installed `ai` major, read off its middleware type so
// that this package depends on `ai` alone.

/** The parameters of one model call (the provider-level prompt, settings and provider options). */
export type CallOptions = Parameters<NonNullable<LanguageModelMiddleware['transformParams']>>[0]['params'];
/** The provider-level prompt: system, user, assistant and tool messages. */
export type Prompt = CallOptions['prompt'];
/** What a model's `doGenerate` resolves to. */
export type GenerateResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapGenerate']>>>;
/** What a model's `doStream` resolves to. */
export type StreamResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapStream']>>>;
/** One part of a model's stream (text deltas, tool calls, finish, ...). */
export type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;
