import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A random 12-character id in Crockford base32 (60 bits): short enough to cite in a prompt as
 * `m:<id>` for a few tokens, long enough that a billion memories are unlikely to collide.
 */
export function generateId(): string {
  const bytes = randomBytes(12);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}
