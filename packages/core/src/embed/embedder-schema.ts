import { z } from 'zod';
import type { Embedder } from './embedder.js';

/** An options field that takes an {@link Embedder}: checked for its shape at the boundary, passed through as given. */
export const embedderSchema = z.custom<Embedder>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Embedder).id === 'string' &&
    Number.isInteger((value as Embedder).dimensions) &&
    (value as Embedder).dimensions > 0 &&
    typeof (value as Embedder).embed === 'function',
  'must be an Embedder ({ id, dimensions, embed })',
);
