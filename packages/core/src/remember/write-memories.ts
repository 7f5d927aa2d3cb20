import { planMentionLinks } from '../entities/plan-mention-links.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryLink, MemoryStore, SignalUpdate, StoredMemory } from '../store/memory-store.js';
import { isTransientStoreFailure } from '../store/is-transient-store-failure.js';
import { findDuplicates, type DedupFindings, type Duplicate } from './find-duplicates.js';
import type { MemoryContext } from '../recall/memory-context.js';
import type { RememberResult } from './remember.js';

/**
 * The write path after validation and embedding: duplicates (see `findDuplicates`) merge into the
 * memory they repeat (unless `mayMerge` says no for that input) and reinforce it (one recall each, at the repeat's time) instead of adding a
 * row; the rest are inserted, with their entity links when the store has the graph capability.
 * The insert is one transaction per call when the batch holds one namespace; reinforcing stored
 * memories is a second write after it. A store that queues writes (`insertOrQueue`) takes the
 * insert even when it cannot be reached: if the duplicate search fails for that reason, the
 * memories are written (or queued) as they are, without the duplicate and revision tests.
 */
export async function writeMemories(
  context: MemoryContext,
  memories: readonly StoredMemory[],
  mayMerge: (index: number) => boolean = () => true,
): Promise<RememberResult[]> {
  const findings = await findDuplicatesUnlessUnreachable(context.store, memories);
  const duplicates = findings.duplicates.map((duplicate, index) => (mayMerge(index) ? duplicate : null));
  // A repeat inside the batch reinforces its original before the original is written.
  const fresh = new Map<number, MemoryRecord>();
  memories.forEach((memory, index) => {
    const duplicate = duplicates[index];
    if (duplicate === null) fresh.set(index, memory.record);
    else if (duplicate?.of === 'batch')
      fresh.set(duplicate.index, reinforced(fresh.get(duplicate.index)!, memory.record.createdAt));
  });
  const revisions = revisionLinks(memories, duplicates, findings.revises);
  const queued = await insertWithLinks(
    context.store,
    [...fresh].map(([index, record]) => ({ ...memories[index]!, record })),
    revisions.links,
  );

  const updates = new Map<string, SignalUpdate[]>();
  const mergedInto = new Map<string, MemoryRecord>();
  memories.forEach((memory, index) => {
    const duplicate = duplicates[index];
    if (duplicate?.of !== 'stored') return;
    const namespaceUpdates = updates.get(memory.record.namespace) ?? [];
    namespaceUpdates.push({ id: duplicate.record.id, recalledAt: memory.record.createdAt });
    updates.set(memory.record.namespace, namespaceUpdates);
    mergedInto.set(
      duplicate.record.id,
      reinforced(mergedInto.get(duplicate.record.id) ?? duplicate.record, memory.record.createdAt),
    );
  });
  for (const [namespace, namespaceUpdates] of updates) await context.store.update(namespace, namespaceUpdates);

  return memories.map((_, index): RememberResult => {
    const duplicate = duplicates[index];
    if (duplicate === null)
      return {
        memory: fresh.get(index)!,
        outcome: 'created',
        ...revisions.results.get(index),
        ...(queued.has(memories[index]!.record.id) ? { queued: true as const } : {}),
      };
    if (duplicate?.of === 'batch') return { memory: fresh.get(duplicate.index)!, outcome: 'merged' };
    return { memory: mergedInto.get(duplicate!.record.id)!, outcome: 'merged' };
  });
}

/**
 * `supersedes` links for memories that revise an earlier one (see `findDuplicates`), always from the
 * later-created memory to the earlier, and what each new memory's result says about it. Only
 * memories actually inserted take part (a merged one has no row of its own).
 */
function revisionLinks(
  memories: readonly StoredMemory[],
  duplicates: readonly (Duplicate | null)[],
  revises: readonly (Duplicate | null)[],
): { links: MemoryLink[]; results: Map<number, Pick<RememberResult, 'supersedes' | 'supersededBy'>> } {
  const links: MemoryLink[] = [];
  const results = new Map<number, Pick<RememberResult, 'supersedes' | 'supersededBy'>>();
  revises.forEach((revised, index) => {
    if (revised === null || duplicates[index] !== null) return;
    const other = revised.of === 'stored' ? revised.record : memories[revised.index]!.record;
    const record = memories[index]!.record;
    const newer = record.createdAt >= other.createdAt;
    links.push(
      newer
        ? { type: 'supersedes', from: record.id, to: other.id }
        : { type: 'supersedes', from: other.id, to: record.id },
    );
    results.set(index, newer ? { supersedes: other.id } : { supersededBy: other.id });
  });
  return { links, results };
}

/** The record after one more recall at `at` (what `update` with `recalledAt` does in the store). */
function reinforced(record: MemoryRecord, at: Date): MemoryRecord {
  return {
    ...record,
    accessCount: record.accessCount + 1,
    lastAccessedAt: at > record.lastAccessedAt ? at : record.lastAccessedAt,
  };
}

/**
 * The duplicate findings; when the store cannot be reached and can queue the insert, none (every
 * memory is new), since nothing stored can be compared while it is down.
 */
async function findDuplicatesUnlessUnreachable(
  store: MemoryStore,
  memories: readonly StoredMemory[],
): Promise<DedupFindings> {
  try {
    return await findDuplicates(store, memories);
  } catch (error) {
    if (!store.insertOrQueue || !isTransientStoreFailure(error)) throw error;
    const none = new Array<Duplicate>(memories.length).fill(null);
    return { duplicates: none, revises: [...none] };
  }
}

/**
 * Inserts memories and, when the store keeps a graph, their entities and mention links; resolves
 * with the ids a store that queues writes had to queue.
 */
async function insertWithLinks(
  store: MemoryStore,
  memories: readonly StoredMemory[],
  revisions: readonly MemoryLink[],
): Promise<ReadonlySet<string>> {
  const none = new Set<string>();
  if (memories.length === 0) return none;
  const graph = store.graph;
  if (!graph) {
    if (store.insertOrQueue) return new Set((await store.insertOrQueue(memories)).queued);
    await store.insert(memories);
    return none;
  }
  const revisionsIn = (namespace: string) => {
    const ids = new Set(memories.filter((memory) => memory.record.namespace === namespace).map((m) => m.record.id));
    return revisions.filter((link) => ids.has(link.from) || ids.has(link.to));
  };
  const namespaces = [...new Set(memories.map((memory) => memory.record.namespace))];
  const plans = await Promise.all(
    namespaces.map((namespace) =>
      planMentionLinks(
        graph,
        namespace,
        memories.filter((memory) => memory.record.namespace === namespace).map((memory) => memory.record),
      ),
    ),
  );
  if (namespaces.length === 1) {
    await graph.write(namespaces[0]!, {
      insert: memories,
      entities: plans[0]!.entities,
      link: [...plans[0]!.links, ...revisionsIn(namespaces[0]!)],
    });
    return none;
  }
  // Several namespaces: the memories go in one transaction; links follow per namespace (consolidation repairs any a crash drops).
  await store.insert(memories);
  for (const [position, namespace] of namespaces.entries())
    await graph.write(namespace, {
      entities: plans[position]!.entities,
      link: [...plans[position]!.links, ...revisionsIn(namespace)],
    });
  return none;
}
