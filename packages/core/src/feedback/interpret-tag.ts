import { resolveEmotionCategory } from '../affect/emotion-vocabulary.js';
import { FEEDBACK_DEFAULTS, type AdjustedValue, type FeedbackTag } from './feedback-tag.js';

/** The tag names of the grammar, as matched: lowercase, `-` read as `_`. */
export type FeedbackTagName = 'memory_trace' | 'persona_emotion';

/** What one complete tag meant: a tag, a reason to drop it, or nothing (a closing tag). */
export interface TagInterpretation {
  tag: FeedbackTag | null;
  dropReason: string | null;
  adjusted: AdjustedValue[];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const MEMORY_PREFIX = /^m\s*:\s*/i;

/**
 * Reads one complete tag (`<memory_trace id="m:7f3a" resonance="0.8"/>`). Never throws: a tag whose
 * values cannot be used comes back with a drop reason; out-of-range numbers are clamped and reported.
 */
export function interpretTag(source: string, name: FeedbackTagName, closing: boolean): TagInterpretation {
  if (closing) return { tag: null, dropReason: null, adjusted: [] };
  const attributes = readAttributes(source);
  const adjusted: AdjustedValue[] = [];
  if (name === 'memory_trace') {
    const rawId = attributes.get('id');
    const id = rawId?.trim().replace(MEMORY_PREFIX, '').trim() ?? '';
    if (id.length === 0)
      return drop(rawId === undefined ? 'memory_trace without an id' : 'memory_trace with an empty id');
    const resonance = readUnit(source, 'resonance', attributes.get('resonance'), adjusted);
    if (resonance === null)
      return drop(attributes.has('resonance') ? 'resonance is not a number' : 'memory_trace without a resonance');
    return { tag: { type: 'memory_trace', id, resonance }, dropReason: null, adjusted };
  }
  const rawCategory = attributes.get('category');
  if (rawCategory === undefined) return drop('persona_emotion without a category');
  const category = resolveEmotionCategory(rawCategory);
  if (category === null) return drop(`unknown emotion category "${rawCategory.slice(0, 40)}"`);
  let intensity = readUnit(source, 'intensity', attributes.get('intensity'), adjusted);
  if (intensity === null) {
    if (attributes.has('intensity')) return drop('intensity is not a number');
    intensity = FEEDBACK_DEFAULTS.emotionIntensity;
    adjusted.push({
      source: quoteSource(source),
      attribute: 'intensity',
      written: null,
      used: intensity,
      reason: 'missing; default used',
    });
  }
  return { tag: { type: 'persona_emotion', category, intensity }, dropReason: null, adjusted };

  function drop(reason: string): TagInterpretation {
    return { tag: null, dropReason: reason, adjusted: [] };
  }
}

/**
 * The attributes of a tag (`name = "double" | 'single' | “curly” | ‘curly’ | bare`), names lowercased;
 * the first of duplicate names wins. A hand-written scanner: tags are frequent in streams, regex
 * match objects are not free.
 */
function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let position = 0;
  while (position < source.length) {
    if (!isNameStart(source.charCodeAt(position))) {
      position++;
      continue;
    }
    const nameStart = position;
    while (position < source.length && isNamePart(source.charCodeAt(position))) position++;
    const nameEnd = position;
    while (position < source.length && isSpace(source.charCodeAt(position))) position++;
    if (source.charCodeAt(position) !== EQUALS) continue;
    position++;
    while (position < source.length && isSpace(source.charCodeAt(position))) position++;
    const open = source[position];
    const close = open === '"' ? '"' : open === "'" ? "'" : open === '“' ? '”' : open === '‘' ? '’' : null;
    let value: string;
    if (close !== null) {
      const end = source.indexOf(close, position + 1);
      if (end < 0) break;
      value = source.slice(position + 1, end);
      position = end + 1;
    } else {
      const valueStart = position;
      while (position < source.length && !endsBareValue(source.charCodeAt(position))) position++;
      if (position === valueStart) continue;
      value = source.slice(valueStart, position);
    }
    const key = source.slice(nameStart, nameEnd).toLowerCase();
    if (!attributes.has(key)) attributes.set(key, value);
  }
  return attributes;
}

const EQUALS = 61;

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 58) || code === 45 || code === 46;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/** A bare value ends at whitespace, a quote, `/` or `>`. */
function endsBareValue(code: number): boolean {
  return (
    isSpace(code) ||
    code === 34 ||
    code === 39 ||
    code === 47 ||
    code === 62 ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0x2019
  );
}

/** A 0..1 value: "0.8", ".8", "80%"; clamped into range (and reported); null when absent or not a number. */
function readUnit(
  source: string,
  attribute: string,
  written: string | undefined,
  adjusted: AdjustedValue[],
): number | null {
  if (written === undefined) return null;
  const trimmed = written.trim();
  const percent = trimmed.endsWith('%');
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(digits)) return null;
  const value = Number(digits) / (percent ? 100 : 1);
  if (!Number.isFinite(value)) return null;
  const used = Math.min(1, Math.max(0, value));
  if (used !== value)
    adjusted.push({
      source: quoteSource(source),
      attribute,
      written,
      used,
      reason: `out of range 0..1; clamped to ${used}`,
    });
  return used;
}

/** A tag source short enough to quote in a report. */
export function quoteSource(source: string): string {
  const limit = FEEDBACK_DEFAULTS.maxReportedSourceLength;
  return source.length <= limit ? source : `${source.slice(0, limit - 1)}…`;
}
