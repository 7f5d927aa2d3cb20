import { FEEDBACK_DEFAULTS, type FeedbackParse } from './feedback-tag.js';
import { interpretTag, quote, type FeedbackTagName } from './interpret-tag.js';

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
  /** The held-back possible tag, from its `<`. */
  let pending = '';
  let name = '';
  let closing = false;
  let result = emptyResult();

  function push(chunk: string): string {
    const text = typeof chunk === 'string' ? chunk : chunk == null ? '' : String(chunk);
    let visible = '';
    let position = 0;
    while (position < text.length) {
      if (phase === Phase.Text) {
        const start = text.indexOf('<', position);
        if (start < 0) {
          visible += position === 0 ? text : text.slice(position);
          break;
        }
        visible += text.slice(position, start);
        pending = '<';
        name = '';
        closing = false;
        phase = Phase.Open;
        position = start + 1;
        continue;
      }
      if (phase === Phase.Attributes) {
        // Look for the closing `>` no further than the tag-length limit allows.
        const room = FEEDBACK_DEFAULTS.maxTagLength - pending.length;
        const limit = Math.min(text.length, position + room);
        let end = position;
        while (end < limit) {
          const code = text.charCodeAt(end);
          if (code === GREATER_THAN || code === LESS_THAN) break;
          end++;
        }
        if (end < limit && text.charCodeAt(end) === GREATER_THAN) {
          finishTag(pending + text.slice(position, end + 1));
          position = end + 1;
          continue;
        }
        pending += text.slice(position, end);
        position = end;
        // A second `<`, or the limit reached: what was held back is text after all.
        if (end < limit || pending.length >= FEEDBACK_DEFAULTS.maxTagLength) visible += release();
        continue;
      }
      // Open or Name: one character at a time, a name is at most 15 of them.
      const code = text.charCodeAt(position);
      if (phase === Phase.Open && code === SLASH && !closing) {
        closing = true;
        pending += '/';
        position++;
        continue;
      }
      const next = nameCharacter(code);
      if (next !== null && TAG_NAMES.some((tagName) => tagName.startsWith(name + next))) {
        name += next;
        pending += text[position];
        phase = Phase.Name;
        position++;
        continue;
      }
      if (phase === Phase.Name && isTagName(name) && endsName(code)) {
        phase = Phase.Attributes;
        continue;
      }
      // Not one of our tags: release what was held and read this character again as text.
      visible += release();
    }
    return visible;
  }

  function end(): FeedbackParse {
    const rest = release();
    const finished = { ...result, text: rest };
    result = emptyResult();
    return finished;
  }

  /** Gives back the held text and returns to plain text. */
  function release(): string {
    const held = pending;
    pending = '';
    phase = Phase.Text;
    return held;
  }

  function finishTag(source: string): void {
    pending = '';
    phase = Phase.Text;
    const interpretation = interpretTag(source, name as FeedbackTagName, closing);
    for (const adjusted of interpretation.adjusted) report(result.adjusted, adjusted);
    if (interpretation.dropReason !== null) {
      report(result.dropped, { source: quote(source), reason: interpretation.dropReason });
    } else if (interpretation.tag !== null) {
      if (result.tags.length < FEEDBACK_DEFAULTS.maxTags) result.tags.push(interpretation.tag);
      else report(result.dropped, { source: quote(source), reason: `more than ${FEEDBACK_DEFAULTS.maxTags} tags` });
    }
  }

  return { push, end };
}

/** A tag-name character as matched (ASCII letters lowercased, `-` read as `_`), or null. */
function nameCharacter(code: number): string | null {
  if (code >= 97 && code <= 122) return String.fromCharCode(code);
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  if (code === HYPHEN || code === UNDERSCORE) return '_';
  return null;
}

function isTagName(name: string): name is FeedbackTagName {
  return name === 'memory_trace' || name === 'persona_emotion';
}

/** Characters that may follow a complete tag name: whitespace, `/` or `>`. */
function endsName(code: number): boolean {
  return code === GREATER_THAN || code === SLASH || code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

function report<T>(list: T[], entry: T): void {
  if (list.length < FEEDBACK_DEFAULTS.maxReports) list.push(entry);
}

function emptyResult(): FeedbackParse {
  return { text: '', tags: [], dropped: [], adjusted: [] };
}
