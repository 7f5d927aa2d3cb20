import { createHash } from 'node:crypto';

// A fixed UUID (itself random) that namespaces Resonant's name-based UUIDs, as RFC 9562 section 5.5 asks.
const RESONANT_UUID_NAMESPACE = Buffer.from('8b0c6f1e4d2a4f7c9e3b5a1d2c4e6f80', 'hex');

/**
 * The Qdrant point id of a memory. Qdrant accepts only UUIDs and unsigned integers, and our ids are
 * short strings, so the point id is a UUID v5 of the memory id: the same id always gives the same
 * point, and the memory id itself is kept in the payload.
 */
export function pointIdFor(memoryId: string): string {
  return nameBasedUuid(`memory:${memoryId}`);
}

/** The point holding the collection's Resonant metadata (embedder, schema version); it has no namespace. */
export const COLLECTION_META_POINT_ID = nameBasedUuid('collection-meta');

function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(RESONANT_UUID_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
