import type { MemoryStore, SignalUpdate, SignalUpdateReport } from './memory-store.js';

/**
 * Applies signal updates and says what became of each id: applied, or queued by a store that could
 * not make the write now. Stores that never queue report every id they found as applied.
 */
export async function updateSignals(
  store: MemoryStore,
  namespace: string,
  updates: readonly SignalUpdate[],
): Promise<SignalUpdateReport> {
  if (store.updateOrQueue) return store.updateOrQueue(namespace, updates);
  return { applied: await store.update(namespace, updates), queued: [] };
}
