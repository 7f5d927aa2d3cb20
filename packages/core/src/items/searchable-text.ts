import type { JsonValue } from '../records/json-value.js';

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(stringsOf)
      : [];

const fieldAt = (value: unknown, path: string) =>
  path.split('.').reduce((node, field) => (node as Record<string, unknown> | undefined)?.[field], value);

/**
 * The text an item is found by: every string in its value (nested ones included), one per line, or
 * only those under the given dotted field paths (`'profile.name'`). A value without such strings is
 * searched by its JSON.
 */
export function searchableText(value: Readonly<Record<string, JsonValue>>, fields?: readonly string[]): string {
  const strings = fields ? fields.flatMap((path) => stringsOf(fieldAt(value, path))) : stringsOf(value);
  return strings.join('\n').trim() || JSON.stringify(value);
}
