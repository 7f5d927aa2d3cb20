import { createHash } from 'node:crypto';
import { InvalidInputError } from '@resonant/core';

/** Where a page starts, bound to the request it belongs to. */
interface PageCursor {
  offset: number;
  fingerprint: string;
}

/** A short hash of what defines a listing, so a cursor cannot be replayed against another request. */
export function pageFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** An opaque cursor for the page starting at `offset`. */
export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.offset, cursor.fingerprint])).toString('base64url');
}

/** The offset a cursor points at; throws `InvalidInputError` for a foreign or damaged cursor. */
export function decodePageCursor(cursor: string, fingerprint: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    !Number.isInteger(decoded[0]) ||
    (decoded[0] as number) < 0 ||
    typeof decoded[1] !== 'string'
  ) {
    throw new InvalidInputError('cursor is not a cursor this tool returned.', [
      { path: 'cursor', message: 'unreadable' },
    ]);
  }
  if (decoded[1] !== fingerprint) {
    throw new InvalidInputError('cursor belongs to another request: repeat the same arguments with it, or drop it.', [
      { path: 'cursor', message: 'other request' },
    ]);
  }
  return decoded[0] as number;
}
