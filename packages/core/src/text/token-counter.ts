import { TextMemo } from './text-memo.js';
import {
  get_encoding,
  get_encoding_name_for_model,
  type Tiktoken,
  type TiktokenEncoding,
  type TiktokenModel,
} from 'tiktoken';

/**
 * Counts tokens the way a model's tokenizer does. Budgets are exact only with the model's own
 * tokenizer: plug one in for models tiktoken does not know. Synchronous, because context packing
 * counts hundreds of candidate lines per call.
 */
export interface TokenCounter {
  /** Names the tokenizer (for tiktoken, the encoding such as `o200k_base`). */
  readonly encoding: string;
  /** Tokens of `text`; special-token markers such as `<|endoftext|>` count as ordinary text. */
  count(text: string): number;
}

/** What `createTiktokenCounter` falls back to. */
export const TOKEN_COUNTER_DEFAULTS = Object.freeze({
  /** Encoding used when no model is named or tiktoken does not know the model. @default 'o200k_base' */
  encoding: 'o200k_base' as TiktokenEncoding,
});

const ENCODINGS: readonly TiktokenEncoding[] = [
  'o200k_base',
  'cl100k_base',
  'p50k_base',
  'p50k_edit',
  'r50k_base',
  'gpt2',
];

// Building an encoder parses a large vocabulary (tens of milliseconds): one per encoding per process.
// Short texts (memory lines, sentences) recur across calls, so their counts are memoised too.
const encoders = new Map<TiktokenEncoding, { encoder: Tiktoken; memo: TextMemo<number> }>();
const MEMO_MAX_LENGTH = 2_000;

/**
 * The tiktoken encoding for a model name or an encoding name; unknown models fall back to
 * `o200k_base`, so counts stay close (not exact) for tokenizers tiktoken does not ship.
 */
export function encodingForModel(model: string | undefined): TiktokenEncoding {
  if (model === undefined) return TOKEN_COUNTER_DEFAULTS.encoding;
  if ((ENCODINGS as readonly string[]).includes(model)) return model as TiktokenEncoding;
  try {
    return get_encoding_name_for_model(model as TiktokenModel);
  } catch {
    return TOKEN_COUNTER_DEFAULTS.encoding;
  }
}

/** A `TokenCounter` backed by tiktoken (WASM, offline) for a model or encoding name. */
export function createTiktokenCounter(options: { model?: string } = {}): TokenCounter {
  const encoding = encodingForModel(options.model);
  let entry = encoders.get(encoding);
  if (entry === undefined) {
    entry = { encoder: get_encoding(encoding), memo: new TextMemo<number>(50_000) };
    encoders.set(encoding, entry);
  }
  const { encoder, memo } = entry;
  const encode = (text: string) => encoder.encode_ordinary(text).length;
  const countPiece = (text: string) =>
    text.length === 0 ? 0 : text.length > MEMO_MAX_LENGTH ? encode(text) : memo.get(text, () => encode(text));
  const splitsAtLines = LINE_SPLIT_ENCODINGS.has(encoding);
  return Object.freeze({
    encoding,
    count: (text: string) => (splitsAtLines ? countByLines(text, countPiece) : countPiece(text)),
  });
}

// tiktoken splits a text with its encoding's pattern and encodes each piece on its own, so a text's
// count is the sum of its pieces'. In o200k_base and cl100k_base no piece runs from a newline into a
// following printable ASCII character other than '/' (o200k lets '/' trail punctuation + newline),
// and no lookahead crosses that point, so such a point splits the text exactly. A context block is
// lines that recur across calls: counted line by line, each line is a memo hit.
const LINE_SPLIT_ENCODINGS: ReadonlySet<TiktokenEncoding> = new Set(['o200k_base', 'cl100k_base']);

/** Sums the counts of the text's line pieces, split only where the split is exact (see above). */
function countByLines(text: string, countPiece: (piece: string) => number): number {
  let total = 0;
  let start = 0;
  for (
    let newline = text.indexOf('\n');
    newline !== -1 && newline < text.length - 1;
    newline = text.indexOf('\n', newline + 1)
  ) {
    const next = text.charCodeAt(newline + 1);
    if (next > 0x20 && next < 0x7f && next !== 0x2f) {
      total += countPiece(text.slice(start, newline + 1));
      start = newline + 1;
    }
  }
  return total + countPiece(start === 0 ? text : text.slice(start));
}
