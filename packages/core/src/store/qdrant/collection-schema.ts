import type { QdrantSchemas } from './qdrant-api.js';

/** The named dense vector (the embedder's output). */
export const DENSE_VECTOR_NAME = 'dense';

/**
 * Bumped when the payload layout changes; stored in the collection's metadata point. Version 2
 * keeps each memory's search terms in the payload (lexical candidates are scored from them) and
 * drops version 1's hashed sparse vector.
 */
export const QDRANT_SCHEMA_VERSION = 2;

/**
 * The collection Resonant creates: dot-product dense vectors (the stored floats come back exactly,
 * unlike cosine, which normalises them). Lexical matching needs no vector: it filters on the
 * `terms` payload and scores BM25 itself, as every store does.
 */
export function collectionConfig(dimensions: number): QdrantSchemas['CreateCollection'] {
  return { vectors: { [DENSE_VECTOR_NAME]: { size: dimensions, distance: 'Dot' } } };
}

/**
 * Payload indexes: namespace as the tenant key (every query filters on it), the filterable fields,
 * the search terms and their count (lexical candidates and BM25 statistics), the timestamps
 * (`created_at` orders listings and neighbours) and the signals the ranking reads.
 */
export const PAYLOAD_INDEXES: readonly QdrantSchemas['CreateFieldIndex'][] = Object.freeze([
  { field_name: 'namespace', field_schema: { type: 'keyword', is_tenant: true } },
  { field_name: 'kind', field_schema: 'keyword' },
  { field_name: 'metadata_pairs', field_schema: 'keyword' },
  { field_name: 'terms', field_schema: 'keyword' },
  { field_name: 'term_count', field_schema: 'integer' },
  { field_name: 'created_at', field_schema: 'integer' },
  { field_name: 'last_accessed_at', field_schema: 'integer' },
  { field_name: 'archived_at', field_schema: 'integer' },
  { field_name: 'arousal', field_schema: 'float' },
  { field_name: 'utility', field_schema: 'float' },
]);
