import { z } from 'zod';
import { emotionScoresSchema } from './emotion-scores.js';
import { memoryMetadataSchema } from './json-value.js';
import { memoryKindSchema } from './memory-kind.js';
import { namespaceSchema } from './namespace.js';

/** Longest memory text accepted, in UTF-16 code units (about 8k English tokens). */
export const MAX_TEXT_LENGTH = 32_000;

/** Largest metadata accepted, as JSON text. */
export const MAX_METADATA_BYTES = 16_384;

const validDate = z.date().refine((date) => Number.isFinite(date.getTime()), 'date must be valid');

export const memoryTextSchema = z
  .string()
  .max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters; split long documents first`)
  .refine((text) => text.trim().length > 0, 'text must not be empty')
  .refine((text) => text.isWellFormed(), 'text must be well-formed Unicode (no lone surrogates)');

export const rememberInputSchema = z.object({
  namespace: namespaceSchema,
  text: memoryTextSchema,
  kind: memoryKindSchema.optional(),
  createdAt: validDate.optional(),
  metadata: memoryMetadataSchema
    .refine(
      (value) => JSON.stringify(value).length <= MAX_METADATA_BYTES,
      `metadata must be at most ${MAX_METADATA_BYTES} characters as JSON`,
    )
    .optional(),
  arousal: z.number().min(0).max(1).optional(),
  valence: z.number().min(-1).max(1).optional(),
  utility: z.number().min(0).max(1).optional(),
  crisis: z.number().min(0).max(1).optional(),
  emotion: emotionScoresSchema.optional(),
  summary: memoryTextSchema.optional(),
  /**
   * false: always a memory of its own, never merged into a stored or batched duplicate (keyed
   * writes, whose metadata must survive). @default true
   */
  dedupe: z.boolean().optional(),
});

/** What `remember` accepts. Only `namespace` and `text` are required. */
export type RememberInput = z.input<typeof rememberInputSchema>;
