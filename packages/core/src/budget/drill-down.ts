import { z } from 'zod';
import { resolveReferences } from './memory-reference.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';

export const drillDownOptionsSchema = z.object({
  namespace: namespaceSchema,
  id: z.string().min(1).max(128),
});

/** What `drillDown` accepts: a memory (usually a consolidation summary) of a namespace. */
export type DrillDownOptions = z.input<typeof drillDownOptionsSchema>;

/** A memory and the memories it summarizes, oldest first (none for a raw memory). */
export interface DrillDownNode {
  memory: MemoryRecord;
  children: DrillDownNode[];
}

/** The chain from a summary down to the raw memories it came from. */
export interface DrillDownResult {
  root: DrillDownNode;
  /** The leaves (memories that summarize nothing), oldest first: what the summary was made from. */
  raw: MemoryRecord[];
  /** How many levels the chain spans below the root (0 for a raw memory). */
  depth: number;
}

/**
 * Follows consolidation's `child` links from a memory down to raw memories, archived ones
 * included (archived memories keep their full text). A store without the graph capability has no
 * summaries to open, so the root comes back alone.
 */
export async function drillDown(context: MemoryContext, options: DrillDownOptions): Promise<DrillDownResult> {
  const { namespace, id: cited } = parseInput(drillDownOptionsSchema, options, 'drillDown options');
  const id = (await resolveReferences(context.store, namespace, [cited])).get(cited) ?? cited;
  const [record] = await context.store.get([id]);
  if (!record || record.namespace !== namespace) throw new NotFoundError(`No memory ${id} in namespace ${namespace}.`);
  const root: DrillDownNode = { memory: record, children: [] };
  const graph = context.store.graph;
  const seen = new Set([id]);
  let level = [root];
  let depth = 0;
  while (graph && level.length > 0) {
    const links = await graph.links(namespace, {
      ids: level.map((node) => node.memory.id),
      direction: 'out',
      type: 'child',
    });
    const childIds = [...new Set(links.map((link) => link.to))].filter((childId) => !seen.has(childId));
    const records = new Map(
      (await context.store.get(childIds))
        .filter((child) => child.namespace === namespace)
        .map((child) => [child.id, child]),
    );
    const next: DrillDownNode[] = [];
    for (const node of level) {
      for (const link of links) {
        const child = records.get(link.to);
        if (link.from !== node.memory.id || !child || seen.has(child.id)) continue;
        seen.add(child.id);
        const childNode: DrillDownNode = { memory: child, children: [] };
        node.children.push(childNode);
        next.push(childNode);
      }
      node.children.sort(
        (a, b) => a.memory.createdAt.getTime() - b.memory.createdAt.getTime() || (a.memory.id < b.memory.id ? -1 : 1),
      );
    }
    if (next.length > 0) depth++;
    level = next;
  }
  const raw: MemoryRecord[] = [];
  const collect = (node: DrillDownNode) =>
    node.children.length === 0 ? raw.push(node.memory) : node.children.forEach(collect);
  collect(root);
  return { root, raw, depth };
}
