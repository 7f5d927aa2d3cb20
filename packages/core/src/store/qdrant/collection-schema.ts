import type { QdrantSchemas } from './qdrant-api.js';

/** The named dense vector (the embedder's output). */
export const DENSE_VECTOR_NAME = 'dense';

/** The named sparse vector for lexical matching (hashed search terms, BM25 weights). */
export const LEXICAL_VECTOR_NAME = 'lexical';

/** Bumped when the payload layout changes; stored in the collection's metadata point. */
export const QDRANT_SCHEMA_VERSION = 1;

/**
 * The collection Resonant creates: dot-product dense vectors (the stored floats come back exactly,
 * unlike cosine, which normalises them) and a sparse vector whose IDF Qdrant computes (`idf`).
 */
export function collectionConfig(dimensions: number, options: { idf: boolean }): QdrantSchemas['CreateCollection'] {
  return {
    vectors: { [DENSE_VECTOR_NAME]: { size: dimensions, distance: 'Dot' } },
    sparse_vectors: { [LEXICAL_VECTOR_NAME]: { modifier: options.idf ? 'idf' : 'none' } },
  };
}

/**
 * Payload indexes: namespace as the tenant key (every query filters on it), the filterable fields,
 * the timestamps (`created_at` orders listings) and the signals the ranking reads.
 */
export const PAYLOAD_INDEXES: readonly QdrantSchemas['CreateFieldIndex'][] = Object.freeze([
  { field_name: 'namespace', field_schema: { type: 'keyword', is_tenant: true } },
  { field_name: 'kind', field_schema: 'keyword' },
  { field_name: 'metadata_pairs', field_schema: 'keyword' },
  { field_name: 'created_at', field_schema: 'integer' },
  { field_name: 'last_accessed_at', field_schema: 'integer' },
  { field_name: 'archived_at', field_schema: 'integer' },
  { field_name: 'arousal', field_schema: 'float' },
  { field_name: 'utility', field_schema: 'float' },
]);
