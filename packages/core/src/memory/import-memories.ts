import { z } from 'zod';
import { EmbedderMismatchError } from '../errors/embedder-mismatch-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { emotionScoresSchema, NO_EMOTION } from '../records/emotion-scores.js';
import { memoryKindSchema } from '../records/memory-kind.js';
import { RECORD_DEFAULTS, type MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import { MAX_METADATA_BYTES, memoryTextSchema } from '../records/remember-input.js';
import { memoryMetadataSchema } from '../records/json-value.js';
import type { LinkType, MemoryGraph, StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from './embed-texts.js';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from './export-memories.js';
import type { MemoryContext } from './memory-context.js';
import { parseInput } from './parse-input.js';

/** Memories (or a namespace's entities and links) written to the store per batch while importing. */
export const IMPORT_BATCH_SIZE = 500;

/** What `import` accepts: lines as `export` wrote them (a trailing newline is fine), sync or async. */
export interface ImportOptions {
  lines: Iterable<string> | AsyncIterable<string>;
}

/** What `import` did. */
export interface ImportResult {
  /** Memory lines written (a line repeating an earlier id in the same batch counts once). */
  imported: number;
  /** Entity lines written (a line repeating a key in the same batch counts once). */
  entities: number;
  /** Link lines written (a line repeating a link in the same batch counts once). */
  links: number;
  /** Lines read but not written, by reason: all zero when the whole file went in. */
  skipped: {
    /** Link lines whose memory ends are not in their namespace when the link is written (the file left them out). */
    danglingLinks: number;
    /** Entity and link lines this memory's store cannot hold: it has no graph capability. */
    withoutGraph: number;
  };
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
  metadata: memoryMetadataSchema.refine((value) => JSON.stringify(value).length <= MAX_METADATA_BYTES, `metadata must be at most ${MAX_METADATA_BYTES} characters as JSON`).default({}),
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
  linkType: z.enum(['child', 'mentions']) satisfies z.ZodType<LinkType>,
  from: z.string().min(1).max(128),
  /** A memory id (`child`) or an entity key (`mentions`). */
  to: z.string().min(1).max(256),
});

const lineSchema = z.discriminatedUnion('type', [headerLineSchema, memoryLineSchema, entityLineSchema, linkLineSchema]);

type MemoryLine = z.output<typeof memoryLineSchema>;
type EntityLine = z.output<typeof entityLineSchema>;
type LinkLine = z.output<typeof linkLineSchema>;

/** Consecutive entity and link lines of one namespace, keyed so a repeated line is written once. */
interface GraphBatch {
  namespace: string;
  entities: Map<string, EntityLine>;
  links: Map<string, LinkLine>;
}

/**
 * Reads JSON Lines written by `export` (version 1 or 2) into the store, streaming. Lines are parsed
 * one by one and written in batches of up to {@link IMPORT_BATCH_SIZE} consecutive lines of one kind:
 * memories with `store.upsert`, so a memory whose id exists in the same namespace is replaced and an
 * interrupted import can simply be run again; a namespace's entities and links with one graph write.
 * Each batch is atomic; the import as a whole is not. A bad line throws with its number before its
 * batch is written. Lines without a vector are embedded (outside any write). A link is written only
 * when its memory ends are in the namespace by then (export puts links after the memories); when the
 * file carries the graph, a replaced memory's outgoing links become exactly the file's. A store
 * without the graph capability takes the memories and reports the graph lines as skipped.
 */
export async function importMemories(context: MemoryContext, options: ImportOptions): Promise<ImportResult> {
  const { lines } = parseInput(optionsSchema, options, 'import options');
  const { dimensions } = context.embedder;
  const graph = context.store.graph;
  const result: ImportResult = { imported: 0, entities: 0, links: 0, skipped: { danglingLinks: 0, withoutGraph: 0 } };
  let fileCarriesGraph = false;
  let memories = new Map<string, { line: MemoryLine; id: string }>();
  let graphBatch: GraphBatch | null = null;

  const flushMemories = async () => {
    if (memories.size === 0) return;
    const entries = [...memories.values()];
    memories = new Map();
    const missing = entries.filter((entry) => entry.line.vector === undefined);
    // Embedding may call a remote model: done before, never inside, the store's write.
    const embedded = await embedTexts(
      context.embedder,
      missing.map((entry) => entry.line.text),
    );
    const vectors = new Map(missing.map((entry, index) => [entry, embedded[index]!]));
    await context.store.upsert(entries.map((entry) => storedFromLine(entry.id, entry.line, vectors.get(entry) ?? Float32Array.from(entry.line.vector!))));
    result.imported += entries.length;
    // The file's link lines for these memories follow; links the replaced versions had must not linger.
    if (fileCarriesGraph && graph) await unlinkReplaced(graph, entries);
  };

  const flushGraph = async () => {
    if (graphBatch === null) return;
    const batch = graphBatch;
    graphBatch = null;
    if (!graph) {
      result.skipped.withoutGraph += batch.entities.size + batch.links.size;
      return;
    }
    const links = await linksWithEnds(context, batch);
    await graph.write(batch.namespace, {
      entities: [...batch.entities.values()].map((entity) => ({ key: entity.key, name: entity.name, mergedInto: entity.mergedInto })),
      link: links.map((link) => ({ type: link.linkType, from: link.from, to: link.to })),
    });
    result.entities += batch.entities.size;
    result.links += links.length;
    result.skipped.danglingLinks += batch.links.size - links.length;
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
      fileCarriesGraph = line.graph;
      continue;
    }
    if (line.type === 'memory') {
      if (line.vector !== undefined && line.vector.length !== dimensions) {
        throw new EmbedderMismatchError(`Line ${number}: the vector has ${line.vector.length} dimensions; this memory's embedder makes ${dimensions}.`);
      }
      await flushGraph();
      const id = line.id ?? context.generateId();
      memories.delete(id);
      memories.set(id, { line, id });
      if (memories.size >= IMPORT_BATCH_SIZE) await flushMemories();
      continue;
    }
    // Links need their memories written first; a graph batch holds one namespace (one graph write).
    await flushMemories();
    if (graphBatch !== null && graphBatch.namespace !== line.namespace) await flushGraph();
    graphBatch ??= { namespace: line.namespace, entities: new Map(), links: new Map() };
    if (line.type === 'entity') {
      graphBatch.entities.delete(line.key);
      graphBatch.entities.set(line.key, line);
    } else {
      graphBatch.links.set(JSON.stringify([line.linkType, line.from, line.to]), line);
    }
    if (graphBatch.entities.size + graphBatch.links.size >= IMPORT_BATCH_SIZE) await flushGraph();
  }
  await flushMemories();
  await flushGraph();
  return result;
}

/** Removes the outgoing links of just-written memories, namespace by namespace and type by type. */
async function unlinkReplaced(graph: MemoryGraph, entries: readonly { line: MemoryLine; id: string }[]): Promise<void> {
  const idsByNamespace = new Map<string, string[]>();
  for (const entry of entries) {
    const ids = idsByNamespace.get(entry.line.namespace) ?? [];
    ids.push(entry.id);
    idsByNamespace.set(entry.line.namespace, ids);
  }
  for (const [namespace, ids] of idsByNamespace) {
    for (const type of ['child', 'mentions'] as const) await graph.write(namespace, { unlink: { from: ids, type } });
  }
}

/** The batch's links whose memory ends (both for `child`, the source for `mentions`) are in its namespace now. */
async function linksWithEnds(context: MemoryContext, batch: GraphBatch): Promise<LinkLine[]> {
  const links = [...batch.links.values()];
  const ends = new Set(links.flatMap((link) => (link.linkType === 'child' ? [link.from, link.to] : [link.from])));
  const present = new Set((await context.store.get([...ends])).filter((record) => record.namespace === batch.namespace).map((record) => record.id));
  return links.filter((link) => present.has(link.from) && (link.linkType !== 'child' || present.has(link.to)));
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
