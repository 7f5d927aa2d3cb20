import { z } from 'zod';
import type { MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import type { EntityNode, LinkType, MemoryGraph, MemoryLink } from '../store/memory-store.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

/** The `format` named by the first line of an export. */
export const EXPORT_FORMAT = 'resonant-memories';

/** Bumped when the line layout changes; import reads this version and older. Version 2 added entity and link lines. */
export const EXPORT_FORMAT_VERSION = 2;

/** Records, entities or links read from the store per page while exporting. */
const EXPORT_PAGE_SIZE = 256;

export const exportOptionsSchema = z.object({ namespace: namespaceSchema.optional() }).strict();

/** What `export` accepts: one namespace, or every namespace when absent. */
export type ExportOptions = z.input<typeof exportOptionsSchema>;

/** The first line of an export: what wrote it and which embedder made the vectors. */
export interface ExportHeaderLine {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  embedder: { id: string; dimensions: number };
  /**
   * True when the store had the graph capability: each namespace's memory lines are followed by its
   * entity and link lines, so import gives replaced memories exactly the file's links. Absent before version 2.
   */
  graph: boolean;
}

/** One memory line: the record with dates as ISO strings, and its vector. */
export interface ExportMemoryLine {
  type: 'memory';
  id: string;
  namespace: string;
  kind: MemoryRecord['kind'];
  text: string;
  summary: string | null;
  createdAt: string;
  lastAccessedAt: string;
  accessCount: number;
  arousal: number;
  valence: number;
  utility: number;
  emotion: MemoryRecord['emotion'];
  crisis: number;
  level: number | null;
  archivedAt: string | null;
  metadata: MemoryRecord['metadata'];
  /** The stored embedding; float32 values written as JSON numbers, so they read back bit for bit. */
  vector: number[];
}

/** One entity of a namespace (version 2): what `mentions` links point to, and where a rename or merge sent it. */
export interface ExportEntityLine {
  type: 'entity';
  namespace: string;
  key: string;
  name: string;
  mergedInto: string | null;
}

/** One link of a namespace (version 2): a summary to a memory it summarizes (`child`), or a memory to an entity key (`mentions`). */
export interface ExportLinkLine {
  type: 'link';
  namespace: string;
  linkType: LinkType;
  from: string;
  to: string;
}

/**
 * Streams memories as JSON Lines: a header line, then namespace by namespace one line per memory
 * (archived ones too, in creation order) with its vector and every signal, followed, when the store
 * has the graph capability, by the namespace's entity lines and link lines. Everything is read page
 * by page. Each string ends in `\n`, so the iterable can be piped straight into a file. Options are
 * checked now, the store read lazily.
 */
export function exportMemories(context: MemoryContext, options: ExportOptions = {}): AsyncIterable<string> {
  const parsed = parseInput(exportOptionsSchema, options, 'export options');
  return generateLines(context, parsed.namespace);
}

async function* generateLines(context: MemoryContext, namespace: string | undefined): AsyncGenerator<string> {
  const header: ExportHeaderLine = {
    type: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    embedder: { id: context.embedder.id, dimensions: context.embedder.dimensions },
    graph: context.store.graph !== undefined,
  };
  yield `${JSON.stringify(header)}\n`;
  const namespaces = namespace === undefined ? await context.store.namespaces() : [namespace];
  for (const current of namespaces) {
    let after: string | null = null;
    do {
      const page = await context.store.list({
        namespace: current,
        after,
        limit: EXPORT_PAGE_SIZE,
        filter: { includeArchived: true },
        withVectors: true,
      });
      for (let index = 0; index < page.records.length; index++) {
        yield `${JSON.stringify(exportLine(page.records[index]!, page.vectors![index]!))}\n`;
      }
      after = page.next;
    } while (after !== null);
    if (context.store.graph) yield* graphLines(context.store.graph, current);
  }
}

/** A namespace's entities, then its links (so a reader meets an entity before the links to it). */
async function* graphLines(graph: MemoryGraph, namespace: string): AsyncGenerator<string> {
  let after: string | null = null;
  do {
    const page = await graph.listEntities(namespace, { after, limit: EXPORT_PAGE_SIZE });
    for (const entity of page.entities) yield `${JSON.stringify(entityLine(namespace, entity))}\n`;
    after = page.next;
  } while (after !== null);
  do {
    const page = await graph.listLinks(namespace, { after, limit: EXPORT_PAGE_SIZE });
    for (const link of page.links) yield `${JSON.stringify(linkLine(namespace, link))}\n`;
    after = page.next;
  } while (after !== null);
}

function entityLine(namespace: string, entity: EntityNode): ExportEntityLine {
  return { type: 'entity', namespace, key: entity.key, name: entity.name, mergedInto: entity.mergedInto };
}

function linkLine(namespace: string, link: MemoryLink): ExportLinkLine {
  return { type: 'link', namespace, linkType: link.type, from: link.from, to: link.to };
}

function exportLine(record: MemoryRecord, vector: Float32Array): ExportMemoryLine {
  return {
    type: 'memory',
    id: record.id,
    namespace: record.namespace,
    kind: record.kind,
    text: record.text,
    summary: record.summary,
    createdAt: record.createdAt.toISOString(),
    lastAccessedAt: record.lastAccessedAt.toISOString(),
    accessCount: record.accessCount,
    arousal: record.arousal,
    valence: record.valence,
    utility: record.utility,
    emotion: record.emotion,
    crisis: record.crisis,
    level: record.level,
    archivedAt: record.archivedAt === null ? null : record.archivedAt.toISOString(),
    metadata: record.metadata,
    vector: Array.from(vector),
  };
}
