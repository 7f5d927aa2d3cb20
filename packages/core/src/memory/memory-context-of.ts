import { InvalidInputError } from '../errors/invalid-input-error.js';
import { MemoryClosedError } from '../errors/memory-closed-error.js';
import type { Memory } from './memory.js';
import type { MemoryContext } from '../recall/memory-context.js';

// Optional modules of core (persona) work on a Memory's store and embedder directly, to write in
// the same transaction as the memories; the facade keeps them private to everyone else.
const contexts = new WeakMap<object, { context: MemoryContext; isClosed: () => boolean }>();

/** Called by the `Memory` facade when it is made. Internal. */
export function bindMemoryContext(memory: object, context: MemoryContext, isClosed: () => boolean): void {
  contexts.set(memory, { context, isClosed });
}

/** The resolved context behind a memory made by `createMemory`; throws `MemoryClosedError` once it is closed. Internal. */
export function memoryContextOf(memory: Memory, what: string): MemoryContext {
  const entry = contexts.get(memory);
  if (!entry)
    throw new InvalidInputError(`${what}: memory must come from createMemory().`, [
      { path: 'memory', message: 'not a memory made by createMemory' },
    ]);
  if (entry.isClosed()) throw new MemoryClosedError();
  return entry.context;
}
