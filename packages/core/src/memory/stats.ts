import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { namespaceSchema } from '../records/namespace.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { parseInput } from '../errors/parse-input.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

export const statsOptionsSchema = z.object({ namespace: namespaceSchema });

/** What `stats` accepts. */
export type StatsOptions = z.input<typeof statsOptionsSchema>;

/** Counts for one namespace. */
export interface MemoryStats {
  namespace: string;
  /** Memories in the namespace, archived ones included. */
  count: number;
  embedder: { id: string; dimensions: number };
}

/** Counts the memories of a namespace. */
export async function stats(context: MemoryContext, options: StatsOptions): Promise<MemoryStats> {
  const { namespace } = parseInput(statsOptionsSchema, options, 'stats options');
  return {
    namespace,
    count: await context.store.count(namespace),
    embedder: { id: context.embedder.id, dimensions: context.embedder.dimensions },
  };
}

/** The whole store at a glance: what `stats()` with no namespace returns. */
export interface StoreStats {
  /** Every namespace holding at least one memory, with its count, in name order. */
  namespaces: { namespace: string; count: number }[];
  /** Memories across all namespaces, archived ones included. */
  count: number;
  embedder: { id: string; dimensions: number };
  /** The database file and its size on disk (WAL included); absent for stores without one. */
  file?: { path: string; bytes: number };
}

/** Describes every namespace of the store, its embedder and its file. */
export async function storeStats(context: MemoryContext): Promise<StoreStats> {
  const names = [...(await context.store.namespaces())].sort();
  const namespaces = await Promise.all(
    names.map(async (namespace) => ({ namespace, count: await context.store.count(namespace) })),
  );
  const file = context.store instanceof SqliteStore ? databaseFile(context.store.path) : undefined;
  return {
    namespaces,
    count: namespaces.reduce((sum, entry) => sum + entry.count, 0),
    embedder: { id: context.embedder.id, dimensions: context.embedder.dimensions },
    ...(file && { file }),
  };
}

function databaseFile(path: string): { path: string; bytes: number } | undefined {
  if (path === ':memory:') return undefined;
  const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);
  return { path, bytes: size(path) + size(`${path}-wal`) };
}
