/**
 * Turns texts into vectors for the vector half of hybrid recall. Any model plugs in here (the
 * adapters wrap AI SDK and LangChain embedding models); the offline default is `createHashedEmbedder`.
 */
export interface Embedder {
  /** Identifies the model and its settings; a store refuses to open with a different id. */
  readonly id: string;
  readonly dimensions: number;
  /** Embeds a batch; returns one vector of `dimensions` per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
