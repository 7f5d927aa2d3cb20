import type { Embedder } from '@resonant/core';
import { parseInput } from '@resonant/core/adapters';
import { embedMany, type EmbeddingModel } from 'ai';
import { z } from 'zod';

/** Options of {@link fromAiSdkEmbeddingModel}. */
export interface AiSdkEmbedderOptions {
  /** Vector length; when absent, one probe text is embedded to find it. */
  dimensions?: number;
  /** Stable id of model and settings (a store refuses another); default `ai-sdk:<provider>/<model>:<dimensions>`. */
  id?: string;
  /** Retries per embedding call, passed to `embedMany`. @default 2 (the AI SDK's) */
  maxRetries?: number;
}

const optionsSchema = z
  .object({
    dimensions: z.number().int().positive().optional(),
    id: z.string().min(1).optional(),
    maxRetries: z.number().int().min(0).optional(),
  })
  .strict();

/** A Resonant `Embedder` over any AI SDK embedding model (a model object or a gateway model id). */
export async function fromAiSdkEmbeddingModel(
  model: EmbeddingModel,
  options: AiSdkEmbedderOptions = {},
): Promise<Embedder> {
  const parsed = parseInput(optionsSchema, options, 'fromAiSdkEmbeddingModel options');
  const embed = async (texts: readonly string[]) => {
    const { embeddings } = await embedMany({ model, values: [...texts], maxRetries: parsed.maxRetries });
    return embeddings.map((vector) => Float32Array.from(vector));
  };
  const dimensions = parsed.dimensions ?? (await embed(['dimension probe']))[0]!.length;
  const name = typeof model === 'string' ? model : `${model.provider}/${model.modelId}`;
  return { id: parsed.id ?? `ai-sdk:${name}:${dimensions}`, dimensions, embed };
}
