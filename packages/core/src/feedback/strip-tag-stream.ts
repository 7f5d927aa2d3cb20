import { z } from 'zod';
import { parseInput } from '../errors/parse-input.js';
import { createTagStripper } from './create-tag-stripper.js';
import type { FeedbackParse } from './feedback-tag.js';

/** Options of {@link stripTagStream}. */
export interface StripTagStreamOptions {
  /** The model's text, in chunks of any size. */
  chunks: AsyncIterable<string>;
  /** Called once the stream has ended, with the whole visible text and the tags (as `parseFeedbackTags` finds them on the whole text). */
  onEnd: (result: FeedbackParse) => void;
}

const optionsSchema = z
  .object({
    chunks: z.custom<AsyncIterable<string>>(
      (value) => typeof value === 'object' && value !== null && Symbol.asyncIterator in value,
      'must be an async iterable of strings',
    ),
    onEnd: z.custom<(result: FeedbackParse) => void>((value) => typeof value === 'function', 'must be a function'),
  })
  .strict();

/**
 * A stream of model text without its feedback tags: yields each piece of visible text as soon as it is
 * certain (see `createTagStripper`), never an empty one, and reports the result when the stream ends.
 * A stream abandoned early or failing reports nothing. Options are checked on the first read
 * (`InvalidInputError`).
 */
export async function* stripTagStream(options: StripTagStreamOptions): AsyncGenerator<string, void, undefined> {
  const { chunks, onEnd } = parseInput(optionsSchema, options, 'stripTagStream options');
  const stripper = createTagStripper();
  let visible = '';
  for await (const chunk of chunks) {
    const text = stripper.push(chunk);
    visible += text;
    if (text) yield text;
  }
  const rest = stripper.end();
  if (rest.text) yield rest.text;
  onEnd({ ...rest, text: visible + rest.text });
}
