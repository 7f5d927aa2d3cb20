import { z } from 'zod';

/** Any value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Metadata attached to a memory: plain JSON, filterable by exact match. */
export type MemoryMetadata = Record<string, JsonValue>;

/** Validates JSON values, rejecting NaN, Infinity, undefined and functions. */
export const jsonValueSchema: z.ZodType<JsonValue> = z.json();

export const memoryMetadataSchema = z.record(z.string(), jsonValueSchema);
