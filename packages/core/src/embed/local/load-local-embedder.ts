import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { ModelUnavailableError } from '../../errors/model-unavailable-error.js';
import { parseInput } from '../../errors/parse-input.js';
import { hashString } from '../../text/hash-string.js';
import type { Embedder, EmbedOptions } from '../embedder.js';
import { normalizeVector } from '../normalize-vector.js';
import { poolTokenVectors } from './pool-token-vectors.js';
import { readModelDirectory, type ModelPooling } from './read-model-directory.js';

/** What `loadLocalEmbedder` uses when an option is left out. */
export const LOCAL_EMBEDDER_DEFAULTS = Object.freeze({
  /** Texts per ONNX run. @default 16 */
  batchSize: 16,
  /** Scale every vector to unit length, as the store's similarity expects. @default true */
  normalize: true,
  /** Pooling when the directory has no `1_Pooling/config.json`. @default 'mean' */
  pooling: 'mean' as ModelPooling,
  /** Longest input in tokens when `tokenizer_config.json` names no `model_max_length`. @default 512 */
  maxTokens: 512,
});

const optionsSchema = z
  .object({
    directory: z.string().min(1),
    modelFile: z.string().min(1).optional(),
    pooling: z.enum(['mean', 'cls']).optional(),
    normalize: z.boolean().default(LOCAL_EMBEDDER_DEFAULTS.normalize),
    queryPrefix: z.string().max(200).optional(),
    documentPrefix: z.string().max(200).optional(),
    batchSize: z.number().int().min(1).max(1024).default(LOCAL_EMBEDDER_DEFAULTS.batchSize),
    maxTokens: z.number().int().min(2).max(8192).optional(),
    threads: z.number().int().min(1).max(256).optional(),
  })
  .strict();

/** Options for {@link loadLocalEmbedder}. */
export interface LocalEmbedderOptions {
  /** The model directory (tokenizer.json, an ONNX graph, optional sentence-transformers files). */
  directory: string;
  /** The ONNX file inside `directory`; by default the first of `onnx/model_quantized.onnx`, `onnx/model.onnx`, `model_quantized.onnx`, `model.onnx`. */
  modelFile?: string;
  /** As the model card says; by default from `1_Pooling/config.json`, else mean. */
  pooling?: ModelPooling;
  /** @default true */
  normalize?: boolean;
  /** Put before every query (e5: `"query: "`); by default the directory's sentence-transformers prompt, else none. */
  queryPrefix?: string;
  /** Put before every memory (e5: `"passage: "`); by default the directory's sentence-transformers prompt, else none. */
  documentPrefix?: string;
  /** @default 16 */
  batchSize?: number;
  /** Inputs longer than this many tokens are cut (keeping the closing special token); by default the tokenizer's `model_max_length`, at most 512. */
  maxTokens?: number;
  /** ONNX Runtime intra-op threads; by default the runtime's choice (all cores). */
  threads?: number;
}

/** What a loaded local model settled on, for logs and for checking the model card was followed. */
export interface LocalEmbedderSettings {
  readonly modelPath: string;
  readonly pooling: ModelPooling;
  readonly normalize: boolean;
  readonly queryPrefix: string;
  readonly documentPrefix: string;
  readonly maxTokens: number;
}

/** An {@link Embedder} backed by a local ONNX model; `close` frees the runtime's memory. */
export interface LocalEmbedder extends Embedder {
  readonly settings: LocalEmbedderSettings;
  close(): Promise<void>;
}

// The runtime's own types stay out of our exported ones: these are the few members we use.
interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtModule {
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(path: string, options: object): Promise<OrtSession> };
}
interface TokenizerInstance {
  encode(text: string): { ids: number[] };
  token_to_id(token: string): number | undefined;
}
type TokenizerClass = new (json: object, config: object) => TokenizerInstance;

/**
 * Loads a sentence-embedding model (for example a multilingual e5 or bge export in ONNX) from a
 * directory on disk and returns an Embedder: batched, pooled and normalised as configured, with
 * query and memory prefixes. Never downloads: a missing or broken directory is a
 * `ModelUnavailableError`. Needs the optional packages `onnxruntime-node` and `@huggingface/tokenizers`.
 */
export async function loadLocalEmbedder(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const parsed = parseInput(optionsSchema, options, 'local embedder options');
  const files = readModelDirectory(parsed.directory, parsed.modelFile);
  const [ort, Tokenizer] = await Promise.all([importRuntime(), importTokenizer()]);

  let tokenizer: TokenizerInstance;
  try {
    tokenizer = new Tokenizer(files.tokenizerJson, files.tokenizerConfig);
  } catch (error) {
    throw new ModelUnavailableError(
      'corrupt',
      `The tokenizer in ${parsed.directory} could not be read: ${messageOf(error)}`,
      { cause: error },
    );
  }
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(files.modelPath, {
      graphOptimizationLevel: 'all',
      ...(parsed.threads ? { intraOpNumThreads: parsed.threads } : {}),
    });
  } catch (error) {
    throw new ModelUnavailableError(
      'corrupt',
      `${files.modelPath} is not a model ONNX Runtime can load: ${messageOf(error)}`,
      { cause: error },
    );
  }

  const configuredMax = Number(files.tokenizerConfig.model_max_length);
  const settings: LocalEmbedderSettings = {
    modelPath: files.modelPath,
    pooling: parsed.pooling ?? files.pooling ?? LOCAL_EMBEDDER_DEFAULTS.pooling,
    normalize: parsed.normalize,
    queryPrefix: parsed.queryPrefix ?? files.prompts?.query ?? '',
    documentPrefix: parsed.documentPrefix ?? files.prompts?.document ?? '',
    maxTokens:
      parsed.maxTokens ??
      (Number.isInteger(configuredMax) && configuredMax >= 2
        ? Math.min(configuredMax, LOCAL_EMBEDDER_DEFAULTS.maxTokens)
        : LOCAL_EMBEDDER_DEFAULTS.maxTokens),
  };
  const padId = padTokenId(tokenizer, files.tokenizerConfig);
  const runBatch = (ids: readonly number[][]) => runModel(ort, session, ids, padId, settings);

  const embed = async (texts: readonly string[], embedOptions?: EmbedOptions): Promise<Float32Array[]> => {
    const prefix = embedOptions?.purpose === 'query' ? settings.queryPrefix : settings.documentPrefix;
    const encoded = texts.map((text) => truncate(tokenizer.encode(prefix + text).ids, settings.maxTokens));
    // Similar lengths share a batch, so little compute goes into padding; results return in order.
    const order = encoded.map((_, index) => index).sort((a, b) => encoded[a]!.length - encoded[b]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += parsed.batchSize) {
      const slice = order.slice(start, start + parsed.batchSize);
      const batch = await runBatch(slice.map((index) => encoded[index]!));
      slice.forEach((index, position) => (vectors[index] = batch[position]!));
    }
    return vectors;
  };

  const [probe] = await embed(['']);
  const dimensions = probe!.length;
  const modelHash = await hashFile(files.modelPath);
  // Everything that changes a vector is in the id, so a store refuses vectors made another way.
  const settingsKey = [
    settings.pooling,
    settings.normalize,
    settings.queryPrefix,
    settings.documentPrefix,
    settings.maxTokens,
  ].join('\u0000');
  return {
    id: `local-onnx-${modelHash.slice(0, 16)}-${settings.pooling}-${hashString(settingsKey).toString(16)}-${dimensions}`,
    dimensions,
    settings,
    embed,
    close: () => session.release(),
  };
}

async function runModel(
  ort: OrtModule,
  session: OrtSession,
  ids: readonly number[][],
  padId: number,
  settings: LocalEmbedderSettings,
): Promise<Float32Array[]> {
  const batch = ids.length;
  const sequence = Math.max(...ids.map((row) => row.length));
  const inputIds = new BigInt64Array(batch * sequence).fill(BigInt(padId));
  const attention = new BigInt64Array(batch * sequence);
  const mask = ids.map((row, b) => {
    row.forEach((id, s) => {
      inputIds[b * sequence + s] = BigInt(id);
      attention[b * sequence + s] = 1n;
    });
    return Array.from({ length: sequence }, (_, s) => (s < row.length ? 1 : 0));
  });
  const feeds: Record<string, OrtTensor> = {};
  for (const name of session.inputNames) {
    const data =
      name === 'input_ids'
        ? inputIds
        : name === 'attention_mask'
          ? attention
          : name === 'token_type_ids'
            ? new BigInt64Array(batch * sequence)
            : null;
    if (data === null)
      throw new ModelUnavailableError(
        'corrupt',
        `${settings.modelPath} asks for input "${name}"; a sentence-embedding export takes input_ids, attention_mask and token_type_ids.`,
      );
    feeds[name] = new ort.Tensor('int64', data, [batch, sequence]);
  }
  let outputs: Record<string, OrtTensor>;
  try {
    outputs = await session.run(feeds);
  } catch (error) {
    throw new ModelUnavailableError('corrupt', `${settings.modelPath} failed to run: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const name =
    ['last_hidden_state', 'token_embeddings', 'sentence_embedding'].find((candidate) => candidate in outputs) ??
    session.outputNames[0]!;
  const output = outputs[name]!;
  const data = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data as ArrayLike<number>);
  let vectors: Float32Array[];
  if (output.dims.length === 3) {
    vectors = poolTokenVectors({ data, batch, sequence, dimensions: output.dims[2]! }, mask, settings.pooling);
  } else if (output.dims.length === 2) {
    const dimensions = output.dims[1]!;
    vectors = ids.map((_, b) => data.slice(b * dimensions, (b + 1) * dimensions));
  } else {
    throw new ModelUnavailableError(
      'corrupt',
      `${settings.modelPath} output "${name}" has shape [${output.dims.join(', ')}]; expected token or sentence vectors.`,
    );
  }
  return settings.normalize ? vectors.map(normalizeVector) : vectors;
}

/** Keeps the first tokens and the closing special token, as tokenizers truncate. */
function truncate(ids: number[], maxTokens: number): number[] {
  return ids.length <= maxTokens ? ids : [...ids.slice(0, maxTokens - 1), ids[ids.length - 1]!];
}

function padTokenId(tokenizer: TokenizerInstance, config: Record<string, unknown>): number {
  const padToken = config.pad_token;
  const name =
    typeof padToken === 'string'
      ? padToken
      : typeof padToken === 'object' && padToken !== null
        ? (padToken as { content?: unknown }).content
        : undefined;
  return (typeof name === 'string' ? tokenizer.token_to_id(name) : undefined) ?? 0;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function importRuntime(): Promise<OrtModule> {
  try {
    const module = (await import('onnxruntime-node')) as unknown as OrtModule & { default?: OrtModule };
    return module.InferenceSession ? module : module.default!;
  } catch (error) {
    throw new ModelUnavailableError(
      'runtime_missing',
      'Local embedding models need the optional package onnxruntime-node: `pnpm add onnxruntime-node @huggingface/tokenizers`.',
      { cause: error },
    );
  }
}

async function importTokenizer(): Promise<TokenizerClass> {
  try {
    return ((await import('@huggingface/tokenizers')) as unknown as { Tokenizer: TokenizerClass }).Tokenizer;
  } catch (error) {
    throw new ModelUnavailableError(
      'runtime_missing',
      'Local embedding models need the optional package @huggingface/tokenizers: `pnpm add onnxruntime-node @huggingface/tokenizers`.',
      { cause: error },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
