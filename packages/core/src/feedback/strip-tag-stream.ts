import { createTagStripper } from './create-tag-stripper.js';
import type { FeedbackParse } from './feedback-tag.js';

/** Options of {@link stripTagStream}. */
export interface StripTagStreamOptions {
  /** The model's text, in chunks of any size. */
  chunks: AsyncIterable<string>;
  /** Called once the stream has ended, with the whole visible text and the tags (as `parseFeedbackTags` finds them on the whole text). */
  onEnd: (result: FeedbackParse) => void;
}

/**
 * A stream of model text without its feedback tags: yields each piece of visible text as soon as it is
 * certain (see `createTagStripper`), never an empty one, and reports the result when the stream ends.
 * A stream abandoned early or failing reports nothing.
 */
export async function* stripTagStream({ chunks, onEnd }: StripTagStreamOptions): AsyncGenerator<string, void, undefined> {
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
