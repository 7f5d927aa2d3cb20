import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryGraph } from '../store/memory-store.js';
import { extractEntities } from '../entities/extract-entities.js';
import { planMentionLinks } from '../entities/plan-mention-links.js';

/** Memories re-derived per read and write while repairing links. */
const REPAIR_PAGE_SIZE = 500;

/**
 * Re-derives every memory's `mentions` links from its text and rewrites the ones that differ:
 * links to renamed or merged entities move to the entity they resolve to, links a crash or a
 * cross-namespace batch left unwritten are added, and sentence-opening names count against the
 * whole namespace's certain mentions. Deterministic, so a second run finds nothing to do. Returns
 * how many memories had their links rewritten. Throws `WriteConflictError` when one of the records
 * was deleted or rewritten since it was read (its links are then left as they are).
 */
export async function repairLinks(
  graph: MemoryGraph,
  namespace: string,
  records: readonly MemoryRecord[],
  onPage?: (done: number, total: number) => void,
): Promise<number> {
  const certain = new Set(
    records.flatMap((record) =>
      extractEntities(record.text).flatMap((mention) => (mention.confidence === 'certain' ? [mention.key] : [])),
    ),
  );
  let rewritten = 0;
  for (let start = 0; start < records.length; start += REPAIR_PAGE_SIZE) {
    const page = records.slice(start, start + REPAIR_PAGE_SIZE);
    const plan = await planMentionLinks(graph, namespace, page, certain);
    const current = new Map<string, string[]>();
    for (const link of await graph.links(namespace, {
      ids: page.map((record) => record.id),
      direction: 'out',
      type: 'mentions',
    })) {
      current.set(link.from, [...(current.get(link.from) ?? []), link.to]);
    }
    const changed = page.filter(
      (record) => !sameKeys(current.get(record.id) ?? [], plan.keysById.get(record.id) ?? []),
    );
    if (changed.length > 0) {
      const ids = new Set(changed.map((record) => record.id));
      const needed = new Set(plan.links.filter((link) => ids.has(link.from)).map((link) => link.to));
      await graph.write(namespace, {
        // Links derived from text a forget has since deleted or rewritten would outlive it: expect the text as read.
        expect: { memories: changed.map((record) => ({ id: record.id, text: record.text, summary: record.summary })) },
        entities: plan.entities.filter((entity) => needed.has(entity.key)),
        unlink: { from: [...ids], type: 'mentions' },
        link: plan.links.filter((link) => ids.has(link.from)),
      });
      rewritten += changed.length;
    }
    onPage?.(Math.min(records.length, start + REPAIR_PAGE_SIZE), records.length);
  }
  return rewritten;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((key) => set.has(key));
}
