import type { MemoryStore } from '../store/memory-store.js';

/** The ids among `ids` that a later memory revises (a `supersedes` link into them); empty without the graph capability. */
export async function supersededAmong(
  store: MemoryStore,
  namespace: string,
  ids: readonly string[],
): Promise<ReadonlySet<string>> {
  if (!store.graph || ids.length === 0) return new Set();
  const links = await store.graph.links(namespace, { ids, direction: 'in', type: 'supersedes' });
  return new Set(links.map((link) => link.to));
}
