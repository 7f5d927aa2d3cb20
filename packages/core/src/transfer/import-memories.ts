import { z } from 'zod';
import { EmbedderMismatchError } from '../errors/embedder-mismatch-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryGraph, StoredMemory } from '../store/memory-store.js';
import { tokenizeForSearch } from '../text/tokenize-for-search.js';
import { embedTexts } from '../embed/embed-texts.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { readImportLines, type EntityLine, type LinkLine, type MemoryLine } from './read-import-lines.js';

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
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        (Symbol.iterator in value || Symbol.asyncIterator in value) &&
        typeof value !== 'string',
      'lines must be an iterable or async iterable of strings',
    ),
  })
  .strict();

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
    await context.store.upsert(
      entries.map((entry) =>
        storedFromLine(entry.id, entry.line, vectors.get(entry) ?? Float32Array.from(entry.line.vector!)),
      ),
    );
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
      entities: [...batch.entities.values()].map((entity) => ({
        key: entity.key,
        name: entity.name,
        mergedInto: entity.mergedInto,
      })),
      link: links.map((link) => ({ type: link.linkType, from: link.from, to: link.to })),
    });
    result.entities += batch.entities.size;
    result.links += links.length;
    result.skipped.danglingLinks += batch.links.size - links.length;
  };

  for await (const { line, number } of readImportLines(lines)) {
    if (line.type === 'header') {
      if (line.embedder.id !== context.embedder.id || line.embedder.dimensions !== dimensions) {
        throw new EmbedderMismatchError(
          `The export's vectors come from embedder "${line.embedder.id}" (${line.embedder.dimensions} dimensions), not "${context.embedder.id}" (${dimensions}); ` +
            'import into a memory created with that embedder, or drop the "vector" fields to embed the texts again.',
        );
      }
      // Files joined end to end: what the previous header announced applies to its own lines.
      await flushMemories();
      await flushGraph();
      fileCarriesGraph = line.graph;
      continue;
    }
    if (line.type === 'memory') {
      if (line.vector !== undefined && line.vector.length !== dimensions) {
        throw new EmbedderMismatchError(
          `Line ${number}: the vector has ${line.vector.length} dimensions; this memory's embedder makes ${dimensions}.`,
        );
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
    for (const type of ['child', 'mentions', 'supersedes'] as const)
      await graph.write(namespace, { unlink: { from: ids, type } });
  }
}

/** The batch's links whose memory ends (both for `child` and `supersedes`, the source for `mentions`) are in its namespace now. */
async function linksWithEnds(context: MemoryContext, batch: GraphBatch): Promise<LinkLine[]> {
  const links = [...batch.links.values()];
  const joinsMemories = (link: LinkLine) => link.linkType !== 'mentions';
  const ends = new Set(links.flatMap((link) => (joinsMemories(link) ? [link.from, link.to] : [link.from])));
  const present = new Set(
    (await context.store.get([...ends]))
      .filter((record) => record.namespace === batch.namespace)
      .map((record) => record.id),
  );
  return links.filter((link) => present.has(link.from) && (!joinsMemories(link) || present.has(link.to)));
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
