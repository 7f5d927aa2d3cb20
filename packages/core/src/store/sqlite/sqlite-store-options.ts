import { z } from 'zod';
import { functionSchema } from '../../records/function-schema.js';
import type { VectorGraphEvent } from '../index/vector-graph-file.js';
import { type VectorIndexOptions, vectorIndexOptionsSchema } from '../index/vector-index-options.js';

export const sqliteStoreOptionsSchema = z
  .object({
    path: z.string().min(1),
    busyTimeoutMs: z.number().int().nonnegative().optional(),
    // prefault: an absent value is parsed as {}, so the resolved options carry every default.
    vectorIndex: vectorIndexOptionsSchema.prefault({}),
    onVectorGraph: functionSchema.optional(),
  })
  .strict();

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** Database file, or `:memory:` for a throwaway store. */
  path: string;
  /** How long a write waits for another process's write lock before failing. @default 5000 */
  busyTimeoutMs?: number;
  /**
   * Which nearest-neighbour index each namespace uses, and whether its HNSW graph is kept beside
   * the database (`<file>.vectors/`) between opens. @default { kind: 'auto', persist: true }
   */
  vectorIndex?: VectorIndexOptions;
  /** Told when a namespace's vector graph is loaded, built (with progress) or saved: for operators' logs. */
  onVectorGraph?: (namespace: string, event: VectorGraphEvent) => void;
}
