/**
 * Turns texts into vectors for the vector half of hybrid recall. Any model plugs in here (the
 * adapters wrap AI SDK and LangChain embedding models); the offline default is `createHashedEmbedder`.
 */
export interface Embedder {
  /** Identifies the model and its settings; a store refuses to open with a different id. */
  readonly id: string;
  readonly dimensions: number;
  /**
   * Embeds a batch; returns one vector of `dimensions` per text, in order. `purpose` says whether
   * the texts are search queries or memories, for models trained with a prefix for each; an
   * embedder that makes no difference ignores it.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

/** What a text is embedded for: `document` for memories (the default), `query` for what recall is asked. */
export type EmbedPurpose = 'query' | 'document';

/** Per-call hints for {@link Embedder.embed}. */
export interface EmbedOptions {
  readonly purpose?: EmbedPurpose;
}
