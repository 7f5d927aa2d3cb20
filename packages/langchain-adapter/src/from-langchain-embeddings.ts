import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Embedder } from '@resonant/core';
import { parseInput } from '@resonant/core/adapters';
import { z } from 'zod';

/** Options of {@link fromLangChainEmbeddings}. */
export interface LangChainEmbedderOptions {
  /** Vector length; when absent, one probe text is embedded to find it. */
  dimensions?: number;
  /** Stable id of model and settings (a store refuses another); default from the model's `model` / `modelName` field. */
  id?: string;
}

const optionsSchema = z
  .object({ dimensions: z.number().int().positive().optional(), id: z.string().min(1).optional() })
  .strict();

/**
 * A Resonant `Embedder` over any LangChain `Embeddings`. Resonant embeds memories and queries with the
 * same call, so this uses `embedDocuments` for both.
 */
export async function fromLangChainEmbeddings(
  embeddings: EmbeddingsInterface,
  options: LangChainEmbedderOptions = {},
): Promise<Embedder> {
  const parsed = parseInput(optionsSchema, options, 'fromLangChainEmbeddings options');
  const embed = async (texts: readonly string[]) =>
    (await embeddings.embedDocuments([...texts])).map((vector) => Float32Array.from(vector));
  const dimensions = parsed.dimensions ?? (await embed(['dimension probe']))[0]!.length;
  const named = embeddings as { model?: unknown; modelName?: unknown };
  const model =
    typeof named.model === 'string'
      ? named.model
      : typeof named.modelName === 'string'
        ? named.modelName
        : embeddings.constructor.name;
  return { id: parsed.id ?? `langchain:${model}:${dimensions}`, dimensions, embed };
}
