// The public API of @resonant/ai-sdk. Every line here is an API decision.

export { fromAiSdkEmbeddingModel, type AiSdkEmbedderOptions } from './from-ai-sdk-embedding-model.js';
