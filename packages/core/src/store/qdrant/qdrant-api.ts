import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';

/**
 * The part of the official client the Qdrant store calls. Type-only: the package itself is loaded
 * lazily by `qdrantStore`, so importing @resonant/core never requires it. Tests pass fakes of it.
 */
export type QdrantApi = Pick<
  QdrantClient,
  | 'collectionExists'
  | 'createCollection'
  | 'createPayloadIndex'
  | 'upsert'
  | 'retrieve'
  | 'query'
  | 'queryBatch'
  | 'scroll'
  | 'count'
  | 'delete'
  | 'batchUpdate'
  | 'facet'
>;

export type { Schemas as QdrantSchemas };
