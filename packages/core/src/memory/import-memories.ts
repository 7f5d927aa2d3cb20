import { z } from 'zod';
import { EmbedderMismatchError } from '../errors/embedder-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { emotionScoresSchema, NO_EMOTION } from '../records/emotion-scores.js';
import { memoryKindSchema } from '../records/memory-kind.js';
import { RECORD_DEFAULTS, type MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import { MAX_METADATA_BYTES, memoryTextSchema } from '../records/remember-input.js';
import { memoryMetadataSchema } from '../records/json-value.js';
import type { StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from './embed-texts.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from './export-memories.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

/** Memories written to the store per batch while importing. */
export const IMPORT_BATCH_SIZE = 500;

/** What `import` accepts: lines as `export` wrote them (a trailing newline is fine), sync or async. */
export interface ImportOptions {
  lines: Iterable<string> | AsyncIterable<string>;
}

/** What `import` did. */
export interface ImportResult {
  /** Memory lines written (a line repeating an earlier id in the same batch counts once). */
  imported: number;
}

const optionsSchema = z
  .object({
    lines: z.custom<Iterable<string> | AsyncIterable<string>>(
      (value) => typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value) && typeof value !== 'string',
      'lines must be an iterable or async iterable of strings',
    ),
  })
  .strict();

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const unit = z.number().min(0).max(1);

const headerLineSchema = z.object({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().min(1).max(EXPORT_FORMAT_VERSION),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
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
  metadata: memoryMetadataSchema.refine((value) => JSON.stringify(value).length <= MAX_METADATA_BYTES, `metadata must be at most ${MAX_METADATA_BYTES} characters as JSON`).default({}),
  /** Absent: the text is embedded again with this memory's embedder. */
  vector: z.array(z.number()).optional(),
});

const lineSchema = z.discriminatedUnion('type', [headerLineSchema, memoryLineSchema]);

type MemoryLine = z.output<typeof memoryLineSchema>;

/**
 * Reads JSON Lines written by `export` into the store, streaming: lines are parsed one by one and
 * written in batches of {@link IMPORT_BATCH_SIZE} with `store.upsert`, so a memory whose id exists in
 * the same namespace is replaced and an interrupted import can simply be run again. Each batch is
 * atomic; the import as a whole is not. Lines without a vector are embedded (outside any write).
 */
export async function importMemories(context: MemoryContext, options: ImportOptions): Promise<ImportResult> {
  const { lines } = parseInput(optionsSchema, options, 'import options');
  const { dimensions } = context.embedder;
  let batch = new Map<string, { line: MemoryLine; id: string; number: number }>();
  let imported = 0;

  const flush = async () => {
    if (batch.size === 0) return;
    const entries = [...batch.values()];
    batch = new Map();
    const missing = entries.filter((entry) => entry.line.vector === undefined);
    // Embedding may call a remote model: done before, never inside, the store's write.
    const embedded = await embedTexts(
      context.embedder,
      missing.map((entry) => entry.line.text),
    );
    const vectors = new Map(missing.map((entry, index) => [entry, embedded[index]!]));
    await context.store.upsert(entries.map((entry) => storedFromLine(entry.id, entry.line, vectors.get(entry) ?? Float32Array.from(entry.line.vector!))));
    imported += entries.length;
  };

  for await (const { text, number } of numberedLines(lines)) {
    const line = parseLine(text, number);
    if (line.type === 'header') {
      if (line.embedder.id !== context.embedder.id || line.embedder.dimensions !== dimensions) {
        throw new EmbedderMismatchError(
          `The export's vectors come from embedder "${line.embedder.id}" (${line.embedder.dimensions} dimensions), not "${context.embedder.id}" (${dimensions}); ` +
            'import into a memory created with that embedder, or drop the "vector" fields to embed the texts again.',
        );
      }
      continue;
    }
    if (line.vector !== undefined && line.vector.length !== dimensions) {
      throw new EmbedderMismatchError(`Line ${number}: the vector has ${line.vector.length} dimensions; this memory's embedder makes ${dimensions}.`);
    }
    const id = line.id ?? context.generateId();
    batch.delete(id);
    batch.set(id, { line, id, number });
    if (batch.size >= IMPORT_BATCH_SIZE) await flush();
  }
  await flush();
  return { imported };
}

/** Splits each item on newlines (an item may hold one line or several) and numbers the lines from 1. */
async function* numberedLines(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<{ text: string; number: number }> {
  let number = 0;
  for await (const item of lines) {
    if (typeof item !== 'string') throw new InvalidInputError(`Line ${number + 1} is not a string.`, [{ path: `lines.${number}`, message: 'must be a string' }]);
    const body = item.endsWith('\n') ? item.slice(0, -1) : item;
    for (const part of body.split('\n')) {
      number++;
      const text = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (text.trim().length > 0) yield { text, number };
    }
  }
}

function parseLine(text: string, number: number): z.output<typeof lineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`Line ${number} is not JSON: ${(error as Error).message}`, [{ path: `lines.${number}`, message: 'not JSON' }], { cause: error });
  }
  try {
    return parseInput(lineSchema, json, `line ${number}`);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new InvalidInputError(error.message, error.issues.map((issue) => ({ ...issue, path: `lines.${number}${issue.path ? `.${issue.path}` : ''}` })), { cause: error.cause });
    }
    throw error;
  }
}

function storedFromLine(id: string, line: MemoryLine, vector: Float32Array): StoredMemory {
  const record: MemoryRecord = {
    id,
    namespace: line.namespace,
    kind: line.kind,
    text: line.text,
    summary: line.summary,
    createdAt: line.createdAt,
    lastAccessedAt: line.lastAccessedAt ?? line.createdAt,
    accessCount: line.accessCount,
    arousal: line.arousal,
    valence: line.valence,
    utility: line.utility,
    emotion: line.emotion,
    crisis: line.crisis,
    level: line.level,
    archivedAt: line.archivedAt,
    metadata: line.metadata,
  };
  return { record, vector, terms: tokenizeForSearch(line.text) };
}
