import { z } from 'zod';

/**
 * Which nearest-neighbour index a namespace uses: `auto` takes the HNSW graph (usearch) when its
 * native module loads and the namespace holds `minVectors` vectors, else the exact scan; `exact`
 * always scans; `approximate` is `auto` that fails when usearch is missing rather than falling back.
 */
export const vectorIndexOptionsSchema = z
  .object({
    kind: z.enum(['auto', 'exact', 'approximate']).default('auto'),
    /** Vectors a namespace needs before the graph answers (the exact scan is faster below). */
    minVectors: z.number().int().nonnegative().optional(),
    /** Whether a file store keeps each namespace's graph beside the database (`<file>.vectors/`) across opens. */
    persist: z.boolean().default(true),
  })
  .strict();

/** Vector index choice of a store (see {@link vectorIndexOptionsSchema}). */
export type VectorIndexOptions = z.input<typeof vectorIndexOptionsSchema>;
/** {@link VectorIndexOptions} with defaults applied. */
export type ResolvedVectorIndexOptions = z.output<typeof vectorIndexOptionsSchema>;
