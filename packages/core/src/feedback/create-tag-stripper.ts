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

/** Where a possible tag is: just after `<`, inside the tag name, or past it (up to `>`). */
const Phase = { Open: 1, Name: 2, Attributes: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** One possible tag held back: its own characters (tags nested in it and removed are not part of it). */
interface Candidate {
  text: string;
  phase: Phase;
  /** Which tag names the name read so far still matches: bit i for TAG_NAMES[i]. */
  nameMask: number;
  nameLength: number;
  closing: boolean;
}

/**
 * A streaming feedback-tag stripper. Feed it the model's text in chunks of any size: it emits the
 * visible text with `<memory_trace …/>` and `<persona_emotion …/>` (and their closing tags) removed,
 * and collects the tags, even when a tag is split across chunks. A `<` that turns out not to start a
 * tag (another name, a `<` that starts no tag, or no `>` within `FEEDBACK_DEFAULTS.maxTagLength`
 * characters) is released as text, so nothing visible is lost or reordered. Never throws on model
 * output. The output is the same whatever the chunking, and the same as `parseFeedbackTags` on the
 * whole text.
 *
 * A tag inside a possible tag (`<memory_<memory_trace …/>trace …/>`) is removed first and the outer
 * one read on as if it had not been there, so removing a tag can never splice its neighbours into a
 * new tag: the visible text holds no tag (up to `FEEDBACK_DEFAULTS.maxTagNesting` levels).
 */
export function createTagStripper(): TagStripper {
  /** Possible tags held back, outermost first; each later one started inside the one before. */
  let candidates: Candidate[] = [];
  let result = emptyResult();

  function push(chunk: string): string {
    const text = typeof chunk === 'string' ? chunk : chunk == null ? '' : String(chunk);
    let visible = '';
    let position = 0;
    while (position < text.length) {
      const top = candidates[candidates.length - 1];
      if (top === undefined) {
        const start = text.indexOf('<', position);
        if (start < 0) {
          visible += position === 0 ? text : text.slice(position);
          break;
        }
        if (start > position) visible += text.slice(position, start);
        visible += open();
        position = start + 1;
        continue;
      }
      if (top.phase === Phase.Attributes) {
        // Look for the closing `>` no further than the tag-length limit allows.
        const limit = Math.min(text.length, position + FEEDBACK_DEFAULTS.maxTagLength - top.text.length);
        let end = position;
        while (end < limit) {
          const code = text.charCodeAt(end);
          if (code === GREATER_THAN || code === LESS_THAN) break;
          end++;
        }
        top.text += text.slice(position, end);
        position = end;
        if (end < limit) {
          position++;
          if (text.charCodeAt(end) === GREATER_THAN) {
            top.text += '>';
            candidates.pop();
            finishTag(top);
          } else visible += open();
        } else if (top.text.length >= FEEDBACK_DEFAULTS.maxTagLength) visible += releaseAll();
        continue;
      }
      // Open or Name: one character at a time.
      const code = text.charCodeAt(position);
      if (code === LESS_THAN) {
        visible += open();
        position++;
        continue;
      }
      if (top.phase === Phase.Open && code === SLASH && !top.closing) {
        top.closing = true;
        top.text += '/';
        position++;
        continue;
      }
      const narrowed = narrowNames(top.nameMask, top.nameLength, code);
      if (narrowed !== 0) {
        top.nameMask = narrowed;
        top.nameLength++;
        top.text += text[position];
        top.phase = Phase.Name;
        position++;
        continue;
      }
      if (top.phase === Phase.Name && completeName(top.nameMask, top.nameLength) !== null && endsName(code)) {
        top.phase = Phase.Attributes;
        continue;
      }
      // Not one of our tags, so neither is any tag it sits in: release them all, and read this
      // character again as text.
      visible += releaseAll();
    }
    return visible;
  }

  /** Starts a possible tag at a `<`; returns the outermost one when there are too many to hold. */
  function open(): string {
    const released = candidates.length >= FEEDBACK_DEFAULTS.maxTagNesting ? candidates.shift()!.text : '';
    candidates.push({ text: '<', phase: Phase.Open, nameMask: ALL_NAMES, nameLength: 0, closing: false });
    return released;
  }

  function releaseAll(): string {
    const released = candidates.map((candidate) => candidate.text).join('');
    candidates = [];
    return released;
  }

  function end(): FeedbackParse {
    const rest = releaseAll();
    const finished = { ...result, text: rest };
    result = emptyResult();
    return finished;
  }

  function finishTag(candidate: Candidate): void {
    const source = candidate.text;
    const interpretation = interpretTag(
      source,
      completeName(candidate.nameMask, candidate.nameLength)!,
      candidate.closing,
    );
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
