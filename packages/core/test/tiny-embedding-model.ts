// A tiny sentence-embedding model written from scratch for tests: a BERT-style WordPiece tokenizer
// and an ONNX graph whose token embedding is a lookup table (one Gather). The real loader and the
// real ONNX runtime run it; nothing is downloaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Special tokens first, as BERT vocabularies have them. */
export const TINY_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** What {@link writeTinyEmbeddingModel} wrote: enough for a test to compute the expected vectors. */
export interface TinyEmbeddingModel {
  readonly directory: string;
  /** Token -> id, specials included. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** Row `id` is token `id`'s embedding (`dimensions` long). */
  readonly table: readonly Float32Array[];
  readonly dimensions: number;
}

export interface TinyEmbeddingModelOptions {
  readonly directory: string;
  /** Lower-case words besides the special tokens. */
  readonly words: readonly string[];
  /** @default 8 */
  readonly dimensions?: number;
  /** Written as `1_Pooling/config.json`, as sentence-transformers exports carry it; absent means no file. */
  readonly pooling?: 'mean' | 'cls';
  /** Written as `config_sentence_transformers.json` prompts; absent means no file. */
  readonly prompts?: { readonly query: string; readonly passage: string };
  /** `model_max_length` in `tokenizer_config.json`. @default 512 */
  readonly maxLength?: number;
}

/** Writes tokenizer.json, tokenizer_config.json, config.json and onnx/model.onnx into `directory`. */
export function writeTinyEmbeddingModel(options: TinyEmbeddingModelOptions): TinyEmbeddingModel {
  const dimensions = options.dimensions ?? 8;
  const tokens = [...TINY_SPECIAL_TOKENS, ...options.words];
  const vocabulary = new Map(tokens.map((token, id) => [token, id]));
  // Deterministic, distinct rows; [PAD] is far from everything so a padding leak would show.
  const table = tokens.map((token, id) => {
    const row = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d++)
      row[d] = token === '[PAD]' ? 100 : Math.sin((id + 1) * (d + 1) * 0.7) + (d === id % dimensions ? 1 : 0);
    return row;
  });
  const { directory } = options;
  mkdirSync(join(directory, 'onnx'), { recursive: true });
  writeFileSync(join(directory, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocabulary)));
  writeFileSync(
    join(directory, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: options.maxLength ?? 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  writeFileSync(
    join(directory, 'config.json'),
    JSON.stringify({ model_type: 'bert', hidden_size: dimensions, vocab_size: tokens.length }),
  );
  if (options.pooling) {
    mkdirSync(join(directory, '1_Pooling'), { recursive: true });
    writeFileSync(
      join(directory, '1_Pooling', 'config.json'),
      JSON.stringify({
        word_embedding_dimension: dimensions,
        pooling_mode_cls_token: options.pooling === 'cls',
        pooling_mode_mean_tokens: options.pooling === 'mean',
      }),
    );
  }
  if (options.prompts)
    writeFileSync(join(directory, 'config_sentence_transformers.json'), JSON.stringify({ prompts: options.prompts }));
  writeFileSync(join(directory, 'onnx', 'model.onnx'), lookupTableModel(table, dimensions));
  return { directory, vocabulary, table, dimensions };
}

function tokenizerJson(vocabulary: ReadonlyMap<string, number>): object {
  const special = (content: string) => ({
    id: vocabulary.get(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: TINY_SPECIAL_TOKENS.map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocabulary.get('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocabulary.get('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// ONNX ModelProto bytes, encoded by hand (field numbers from onnx.proto). BERT-shaped inputs;
// last_hidden_state = Gather(table, input_ids). attention_mask and token_type_ids are declared
// and unused, as the loader must feed what a real export declares.

const FLOAT = 1;
const INT64 = 7;

function lookupTableModel(table: readonly Float32Array[], dimensions: number): Uint8Array {
  const flat = new Float32Array(table.length * dimensions);
  table.forEach((row, id) => flat.set(row, id * dimensions));
  const initializer = message([
    ...[table.length, dimensions].map((dim) => varintField(1, dim)),
    varintField(2, FLOAT),
    stringField(8, 'embedding_table'),
    bytesField(9, new Uint8Array(flat.buffer)),
  ]);
  const gather = message([
    stringField(1, 'embedding_table'),
    stringField(1, 'input_ids'),
    stringField(2, 'last_hidden_state'),
    stringField(3, 'lookup'),
    stringField(4, 'Gather'),
    bytesField(5, message([stringField(1, 'axis'), varintField(3, 0), varintField(20, 2)])),
  ]);
  const graph = message([
    bytesField(1, gather),
    stringField(2, 'tiny-embedding'),
    bytesField(5, initializer),
    ...['input_ids', 'attention_mask', 'token_type_ids'].map((name) =>
      bytesField(11, valueInfo(name, INT64, ['batch', 'sequence'])),
    ),
    bytesField(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dimensions])),
  ]);
  return message([
    varintField(1, 8),
    stringField(2, 'resonant-tests'),
    bytesField(7, graph),
    bytesField(8, message([stringField(1, ''), varintField(2, 13)])),
  ]);
}

function valueInfo(name: string, elementType: number, shape: readonly (string | number)[]): Uint8Array {
  const dims = shape.map((dim) =>
    bytesField(1, message([typeof dim === 'number' ? varintField(1, dim) : stringField(2, dim)])),
  );
  const tensorType = message([varintField(1, elementType), bytesField(2, message(dims))]);
  return message([stringField(1, name), bytesField(2, message([bytesField(1, tensorType)]))]);
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field << 3), ...varint(value)]);
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return message([Uint8Array.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);
}

function stringField(field: number, text: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(text));
}

function message(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
