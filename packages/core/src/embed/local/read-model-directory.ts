import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelUnavailableError } from '../../errors/model-unavailable-error.js';

/** Where an exported model keeps its ONNX graph, most compact first (a quantised export when there is one). */
export const MODEL_FILE_CANDIDATES = Object.freeze([
  'onnx/model_quantized.onnx',
  'onnx/model.onnx',
  'model_quantized.onnx',
  'model.onnx',
]);

/** Pooling of token vectors into one sentence vector, as the model card prescribes. */
export type ModelPooling = 'mean' | 'cls';

/** The files of a sentence-embedding model directory, read and parsed, not yet run. */
export interface ModelDirectory {
  /** Absolute or caller-relative path of the ONNX graph. */
  readonly modelPath: string;
  readonly tokenizerJson: object;
  readonly tokenizerConfig: Record<string, unknown>;
  /** From `1_Pooling/config.json` (sentence-transformers exports), when the directory has it. */
  readonly pooling?: ModelPooling;
  /** From `config_sentence_transformers.json` `prompts`, when the directory has them. */
  readonly prompts?: { readonly query?: string; readonly document?: string };
}

/**
 * Reads a model directory as Hugging Face exports lay it out: `tokenizer.json`,
 * `tokenizer_config.json` (optional), an ONNX graph (`modelFile` or the first of
 * {@link MODEL_FILE_CANDIDATES}), and sentence-transformers' pooling and prompt files when present.
 * Throws `ModelUnavailableError` (`missing` or `corrupt`) naming the file at fault.
 */
export function readModelDirectory(directory: string, modelFile?: string): ModelDirectory {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ModelUnavailableError(
      'missing',
      `No model directory at ${directory}; put the model there first (see @resonant/core's README, "Local embedding models"). Nothing is downloaded.`,
    );
  }
  const candidates = modelFile === undefined ? MODEL_FILE_CANDIDATES : [modelFile];
  const found = candidates.find((candidate) => existsSync(join(directory, candidate)));
  if (found === undefined) {
    throw new ModelUnavailableError('missing', `No ONNX model in ${directory}: looked for ${candidates.join(', ')}.`);
  }
  const tokenizerJson = readJson(directory, 'tokenizer.json', true);
  const tokenizerConfig = readJson(directory, 'tokenizer_config.json', false) ?? {};
  return {
    modelPath: join(directory, found),
    tokenizerJson: tokenizerJson!,
    tokenizerConfig,
    ...poolingOf(readJson(directory, '1_Pooling/config.json', false)),
    ...promptsOf(readJson(directory, 'config_sentence_transformers.json', false)),
  };
}

function readJson(directory: string, file: string, required: true): Record<string, unknown>;
function readJson(directory: string, file: string, required: false): Record<string, unknown> | undefined;
function readJson(directory: string, file: string, required: boolean): Record<string, unknown> | undefined {
  const path = join(directory, file);
  if (!existsSync(path)) {
    if (required) throw new ModelUnavailableError('missing', `The model directory ${directory} has no ${file}.`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelUnavailableError('corrupt', `${path} is not valid JSON.`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ModelUnavailableError('corrupt', `${path} is not a JSON object.`);
  return parsed as Record<string, unknown>;
}

function poolingOf(config: Record<string, unknown> | undefined): { pooling?: ModelPooling } {
  if (config?.pooling_mode_cls_token === true) return { pooling: 'cls' };
  if (config?.pooling_mode_mean_tokens === true) return { pooling: 'mean' };
  return {};
}

function promptsOf(config: Record<string, unknown> | undefined): { prompts?: ModelDirectory['prompts'] } {
  const prompts = config?.prompts;
  if (typeof prompts !== 'object' || prompts === null) return {};
  const text = (key: string) => {
    const value = (prompts as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  };
  const query = text('query');
  const document = text('document') ?? text('passage');
  return query === undefined && document === undefined
    ? {}
    : { prompts: { ...(query === undefined ? {} : { query }), ...(document === undefined ? {} : { document }) } };
}
