import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { emotionScoresSchema, NO_EMOTION } from '../records/emotion-scores.js';
import { memoryKindSchema } from '../records/memory-kind.js';
import { RECORD_DEFAULTS } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import { MAX_METADATA_BYTES, memoryTextSchema } from '../records/remember-input.js';
import { memoryMetadataSchema } from '../records/json-value.js';
import type { LinkType } from '../store/memory-store.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from './export-memories.js';
import { parseInput } from '../errors/parse-input.js';

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const unit = z.number().min(0).max(1);

const headerLineSchema = z.object({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1).max(EXPORT_FORMAT_VERSION),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  graph: z.boolean().default(false),
});

// Everything but namespace and text may be left out, so hand-written or foreign lines import too.
const memoryLineSchema = z.object({
  type: z.literal('memory'),
  id: z.string().min(1).max(128).optional(),
  namespace: namespaceSchema,
  kind: memoryKindSchema.default(RECORD_DEFAULTS.kind),
  text: memoryTextSchema,
  summary: memoryTextSchema.nullable().default(null),
  createdAt: isoDate,
  lastAccessedAt: isoDate.optional(),
  accessCount: z.number().int().min(0).default(0),
  arousal: unit.default(RECORD_DEFAULTS.arousal),
  valence: z.number().min(-1).max(1).default(RECORD_DEFAULTS.valence),
  utility: unit.default(RECORD_DEFAULTS.utility),
  emotion: emotionScoresSchema.default(NO_EMOTION),
  crisis: unit.default(RECORD_DEFAULTS.crisis),
  level: z.number().int().min(0).nullable().default(null),
  archivedAt: isoDate.nullable().default(null),
  metadata: memoryMetadataSchema
    .refine(
      (value) => JSON.stringify(value).length <= MAX_METADATA_BYTES,
      `metadata must be at most ${MAX_METADATA_BYTES} characters as JSON`,
    )
    .default({}),
  /** Absent: the text is embedded again with this memory's embedder. */
  vector: z.array(z.number()).optional(),
});

const entityLineSchema = z.object({
  type: z.literal('entity'),
  namespace: namespaceSchema,
  key: z.string().min(1).max(256),
  name: z.string().min(1).max(256),
  mergedInto: z.string().min(1).max(256).nullable().default(null),
});

const linkLineSchema = z.object({
  type: z.literal('link'),
  namespace: namespaceSchema,
  linkType: z.enum(['child', 'mentions', 'supersedes']) satisfies z.ZodType<LinkType>,
  from: z.string().min(1).max(128),
  /** A memory id (`child`) or an entity key (`mentions`). */
  to: z.string().min(1).max(256),
});

const lineSchema = z.discriminatedUnion('type', [headerLineSchema, memoryLineSchema, entityLineSchema, linkLineSchema]);

/** A line of an export, validated, with defaults filled in. Internal to import. */
export type ImportLine = z.output<typeof lineSchema>;
export type MemoryLine = z.output<typeof memoryLineSchema>;
export type EntityLine = z.output<typeof entityLineSchema>;
export type LinkLine = z.output<typeof linkLineSchema>;

/**
 * The lines of an export, parsed and validated one at a time as they stream in, each with its
 * 1-based line number (blank lines skipped). Throws `InvalidInputError` naming the line for a line
 * that is not JSON, has an unknown `type`, or breaks its schema (a header of a newer version too).
 */
export async function* readImportLines(
  lines: Iterable<string> | AsyncIterable<string>,
): AsyncGenerator<{ line: ImportLine; number: number }> {
  for await (const { text, number } of numberedLines(lines)) yield { line: parseLine(text, number), number };
}

/** Splits each item on newlines (an item may hold one line or several) and numbers the lines from 1. */
async function* numberedLines(
  lines: Iterable<string> | AsyncIterable<string>,
): AsyncGenerator<{ text: string; number: number }> {
  let number = 0;
  for await (const item of lines) {
    if (typeof item !== 'string')
      throw new InvalidInputError(`Line ${number + 1} is not a string.`, [
        { path: `lines.${number}`, message: 'must be a string' },
      ]);
    const body = item.endsWith('\n') ? item.slice(0, -1) : item;
    for (const part of body.split('\n')) {
      number++;
      const text = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (text.trim().length > 0) yield { text, number };
    }
  }
}

function parseLine(text: string, number: number): ImportLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      `Line ${number} is not JSON: ${(error as Error).message}`,
      [{ path: `lines.${number}`, message: 'not JSON' }],
      { cause: error },
    );
  }
  try {
    return parseInput(lineSchema, json, `line ${number}`);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new InvalidInputError(
        error.message,
        error.issues.map((issue) => ({ ...issue, path: `lines.${number}${issue.path ? `.${issue.path}` : ''}` })),
        { cause: error.cause },
      );
    }
    throw error;
  }
}
