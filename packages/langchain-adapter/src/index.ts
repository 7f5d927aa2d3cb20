// The public API of @resonant/langchain. Every line here is an API decision.

export {
  ResonantStore,
  RESONANT_STORE_DEFAULTS,
  LANGGRAPH_ITEM_FIELDS,
  type ResonantStoreOptions,
} from './resonant-store.js';
export { toResonantNamespace, fromResonantNamespace } from './langgraph-namespace.js';
export { ResonantRetriever, type ResonantRetrieverInput } from './resonant-retriever.js';
export {
  createResonantRunnables,
  type ResonantRunnables,
  type ResonantRunnablesOptions,
  type ResonantContextInput,
} from './create-resonant-runnables.js';
export { fromLangChainEmbeddings, type LangChainEmbedderOptions } from './from-langchain-embeddings.js';
export { createLangChainSummarizer, type LangChainSummarizerOptions } from './create-langchain-summarizer.js';
