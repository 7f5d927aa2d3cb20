import { z } from 'zod';

/**
 * What a memory is. `episode` is something that happened in a conversation; `fact`, `preference`
 * and `instruction` are distilled knowledge; `summary` is written by consolidation; `entity` is a
 * person, place or thing that other memories link to.
 */
export const MEMORY_KINDS = ['episode', 'fact', 'preference', 'instruction', 'summary', 'entity'] as const;

/** What a memory is (see {@link MEMORY_KINDS}). */
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export const memoryKindSchema = z.enum(MEMORY_KINDS);
