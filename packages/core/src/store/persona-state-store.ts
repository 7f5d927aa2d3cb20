import type { JsonValue } from '../records/json-value.js';
import type { StoredMemory } from './memory-store.js';

/** A namespace's persona state as stored: an opaque JSON document and how many writes made it. */
export interface PersonaStateSnapshot {
  /** The document, or null when the namespace has none yet. */
  readonly state: JsonValue | null;
  /** 0 when there is no state yet; every write adds one. */
  readonly version: number;
}

/** One atomic persona change: the new state and the memories (episodes) it produced. */
export interface PersonaStateWrite {
  /** The version the change was planned on (0: none yet); any other stored version means `WriteConflictError` and nothing written. */
  readonly expectVersion: number;
  readonly state: JsonValue;
  /** Memories inserted in the same transaction; ids must be new, as for `MemoryStore.insert`. */
  readonly insert?: readonly StoredMemory[];
}

/**
 * Optional store capability behind `@resonant/core/persona`: one state document per namespace,
 * written in the same transaction as the memories it produces, with optimistic versioning so a
 * change planned on a stale read (a model was asked meanwhile) is refused instead of lost.
 */
export interface PersonaStateStore {
  read(namespace: string): Promise<PersonaStateSnapshot>;
  /** Writes state and memories all or nothing; returns the new version. Throws `WriteConflictError` when the version moved. */
  write(namespace: string, change: PersonaStateWrite): Promise<number>;
}
