import { FEEDBACK_DEFAULTS, type FeedbackParse } from './feedback-tag.js';
import { interpretTag, quoteSource, type FeedbackTagName } from './interpret-tag.js';

/** Removes feedback tags from streamed model output; see {@link createTagStripper}. */
export interface TagStripper {
  /** Takes the next chunk; returns the visible text that is now certain (tags and possible tag starts held back). */
  push(chunk: string): string;
  /** Ends the stream: returns held-back text that turned out not to be a tag, and every tag collected. Resets the stripper. */
  end(): FeedbackParse;
}

const TAG_NAMES: readonly FeedbackTagName[] = ['memory_trace', 'persona_emotion'];
const LESS_THAN = 60; // <
const GREATER_THAN = 62; // >
const SLASH = 47; // /
const HYPHEN = 45; // -
const UNDERSCORE = 95; // _

/** Where the stripper is: in plain text, just after `<`, inside the tag name, or past it (up to `>`). */
const Phase = { Text: 0, Open: 1, Name: 2, Attributes: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * A streaming feedback-tag stripper. Feed it the model's text in chunks of any size: it emits the
 * visible text with `<memory_trace …/>` and `<persona_emotion …/>` (and their closing tags) removed,
 * and collects the tags, even when a tag is split across chunks. A `<` that turns out not to start a
 * tag (another name, a second `<`, or no `>` within `FEEDBACK_DEFAULTS.maxTagLength` characters) is
 * released as text, so nothing visible is lost or reordered. Never throws on model output. The output
 * is the same whatever the chunking, and the same as `parseFeedbackTags` on the whole text.
 */
export function createTagStripper(): TagStripper {
  let phase: Phase = Phase.Text;
  /** The part of a possible tag held back from earlier chunks (the part in the current chunk starts at `held`). */
  let pending = '';
  /** Characters of the possible tag so far, `<` included. */
  let candidateLength = 0;
  /** Which tag names the name read so far still matches: bit i for TAG_NAMES[i]. */
  let nameMask = 0;
  let nameLength = 0;
  let closing = false;
  let result = emptyResult();

  function push(chunk: string): string {
    const text = typeof chunk === 'string' ? chunk : chunk == null ? '' : String(chunk);
    let visible = '';
    let position = 0;
    let held = 0;
    while (position < text.length) {
      if (phase === Phase.Text) {
        const start = text.indexOf('<', position);
        if (start < 0) {
          visible += position === 0 ? text : text.slice(position);
          position = text.length;
          break;
        }
        if (start > position) visible += text.slice(position, start);
        pending = '';
        held = start;
        candidateLength = 1;
        nameMask = ALL_NAMES;
        nameLength = 0;
        closing = false;
        phase = Phase.Open;
        position = start + 1;
        continue;
      }
      if (phase === Phase.Attributes) {
        // Look for the closing `>` no further than the tag-length limit allows.
        const limit = Math.min(text.length, position + FEEDBACK_DEFAULTS.maxTagLength - candidateLength);
        let end = position;
        while (end < limit) {
          const code = text.charCodeAt(end);
          if (code === GREATER_THAN || code === LESS_THAN) break;
          end++;
        }
        if (end < limit && text.charCodeAt(end) === GREATER_THAN) {
          finishTag(pending + text.slice(held, end + 1));
          position = end + 1;
          continue;
        }
        candidateLength += end - position;
        position = end;
        // A second `<`, or the limit reached: what was held back is text after all.
        if (end < limit || candidateLength >= FEEDBACK_DEFAULTS.maxTagLength) {
          visible += pending + text.slice(held, position);
          phase = Phase.Text;
        }
        continue;
      }
      // Open or Name: one character at a time, without allocating.
      const code = text.charCodeAt(position);
      if (phase === Phase.Open && code === SLASH && !closing) {
        closing = true;
        candidateLength++;
        position++;
        continue;
      }
      const narrowed = narrowNames(nameMask, nameLength, code);
      if (narrowed !== 0) {
        nameMask = narrowed;
        nameLength++;
        candidateLength++;
        phase = Phase.Name;
        position++;
        continue;
      }
      if (phase === Phase.Name && completeName(nameMask, nameLength) !== null && endsName(code)) {
        phase = Phase.Attributes;
        continue;
      }
      // Not one of our tags: release what was held and read this character again as text.
      visible += pending + text.slice(held, position);
      phase = Phase.Text;
    }
    if (phase !== Phase.Text) pending += text.slice(held, position);
    return visible;
  }

  function end(): FeedbackParse {
    const rest = phase === Phase.Text ? '' : pending;
    pending = '';
    phase = Phase.Text;
    const finished = { ...result, text: rest };
    result = emptyResult();
    return finished;
  }

  function finishTag(source: string): void {
    pending = '';
    phase = Phase.Text;
    const interpretation = interpretTag(source, completeName(nameMask, nameLength)!, closing);
    for (const adjusted of interpretation.adjusted) report(result.adjusted, adjusted);
    if (interpretation.dropReason !== null) {
      report(result.dropped, { source: quoteSource(source), reason: interpretation.dropReason });
    } else if (interpretation.tag !== null) {
      if (result.tags.length < FEEDBACK_DEFAULTS.maxTags) result.tags.push(interpretation.tag);
      else if (result.dropped.length < FEEDBACK_DEFAULTS.maxReports)
        report(result.dropped, { source: quoteSource(source), reason: `more than ${FEEDBACK_DEFAULTS.maxTags} tags` });
    }
  }

  return { push, end };
}

const ALL_NAMES = (1 << TAG_NAMES.length) - 1;

/** The names still matched after one more character (ASCII letters folded, `-` read as `_`); 0 when none. */
function narrowNames(mask: number, length: number, code: number): number {
  const folded = code >= 65 && code <= 90 ? code + 32 : code === HYPHEN ? UNDERSCORE : code;
  let narrowed = 0;
  for (let index = 0; index < TAG_NAMES.length; index++) {
    if (mask & (1 << index) && TAG_NAMES[index]!.charCodeAt(length) === folded) narrowed |= 1 << index;
  }
  return narrowed;
}

/** The tag name read completely, if any. */
function completeName(mask: number, length: number): FeedbackTagName | null {
  for (let index = 0; index < TAG_NAMES.length; index++) {
    if (mask & (1 << index) && TAG_NAMES[index]!.length === length) return TAG_NAMES[index]!;
  }
  return null;
}

/** Characters that may follow a complete tag name: whitespace, `/` or `>`. */
function endsName(code: number): boolean {
  return (
    code === GREATER_THAN || code === SLASH || code === 32 || code === 9 || code === 10 || code === 13 || code === 12
  );
}

function report<T>(list: T[], entry: T): void {
  if (list.length < FEEDBACK_DEFAULTS.maxReports) list.push(entry);
}

function emptyResult(): FeedbackParse {
  return { text: '', tags: [], dropped: [], adjusted: [] };
}
