// The public API of @resonant/ai-sdk. Every line here is an API decision.

export { resonantMiddleware, type ResonantMiddleware, type ResonantMiddlewareOptions } from './resonant-middleware.js';
export { fromAiSdkEmbeddingModel, type AiSdkEmbedderOptions } from './from-ai-sdk-embedding-model.js';
export { createAiSdkSummarizer, type AiSdkSummarizerOptions } from './create-ai-sdk-summarizer.js';
