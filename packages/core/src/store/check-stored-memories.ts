import { InvalidInputError, type InputIssue } from '../errors/invalid-input-error.js';
import type { StoredMemory } from './memory-store.js';

/**
 * Refuses a batch no store may write: an id given twice, or a vector that is not `dimensions` long
 * or holds a non-finite number. Every store calls it first, so they all fail alike.
 */
export function checkStoredMemories(memories: readonly StoredMemory[], dimensions: number): void {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  memories.forEach((memory, index) => {
    if (seen.has(memory.record.id))
      issues.push({ path: `${index}.record.id`, message: `id "${memory.record.id}" appears twice in the batch` });
    seen.add(memory.record.id);
    const vector = memory.vector;
    if (!(vector instanceof Float32Array) || vector.length !== dimensions) {
      issues.push({ path: `${index}.vector`, message: `vector must be a Float32Array of ${dimensions} numbers` });
    } else if (!vector.every(Number.isFinite)) {
      issues.push({ path: `${index}.vector`, message: 'vector must hold finite numbers only' });
    }
  });
  if (issues.length === 0) return;
  const first = issues[0]!;
  throw new InvalidInputError(
    `The store refused the batch: ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    issues,
  );
}
