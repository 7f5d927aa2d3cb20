import type Database from 'better-sqlite3';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import { WriteConflictError } from '../../errors/write-conflict-error.js';
import type { StoredMemory } from '../memory-store.js';
import type { PersonaStateSnapshot, PersonaStateStore, PersonaStateWrite } from '../persona-state-store.js';

/** What the persona state needs from its `SqliteStore`. Internal. */
export interface SqlitePersonaStateHost {
  database(): Database.Database;
  guard<T>(step: () => T): T;
  nextSeq(): number;
  checkMemories(memories: readonly StoredMemory[]): void;
  insertRow(memory: StoredMemory, seq: number): void;
  indexWritten(memories: readonly StoredMemory[], seq: number): void;
}

// Created on first use, so a store that never meets a persona carries no trace of it.
const PERSONA_TABLE = `CREATE TABLE IF NOT EXISTS persona_state (
  namespace TEXT PRIMARY KEY,
  version   INTEGER NOT NULL,
  state     TEXT NOT NULL
) WITHOUT ROWID`;

/** The SQLite implementation of {@link PersonaStateStore}: table `persona_state`, in the memories' file and transactions. */
export class SqlitePersonaState implements PersonaStateStore {
  private statements: ReturnType<typeof prepare> | null = null;
  private preparedFor: Database.Database | null = null;

  constructor(private readonly host: SqlitePersonaStateHost) {}

  async read(namespace: string): Promise<PersonaStateSnapshot> {
    const row = this.host.guard(
      () => this.prepared().read.get(namespace) as { version: number; state: string } | undefined,
    );
    if (!row) return { state: null, version: 0 };
    try {
      return { state: JSON.parse(row.state), version: row.version };
    } catch (error) {
      throw new StoreFailureError(`The persona state of ${namespace} is not valid JSON.`, { cause: error });
    }
  }

  async write(namespace: string, change: PersonaStateWrite): Promise<number> {
    const memories = change.insert ?? [];
    const foreign = memories.find((memory) => memory.record.namespace !== namespace);
    if (foreign)
      throw new InvalidInputError(
        `Memory ${foreign.record.id} belongs to another namespace than the persona write; nothing was written.`,
        [{ path: 'insert', message: 'namespace mismatch' }],
      );
    this.host.checkMemories(memories);
    const state = JSON.stringify(change.state);
    const { version, seq } = this.host.guard(() => {
      const statements = this.prepared();
      return this.host
        .database()
        .transaction(() => {
          const stored = (statements.version.get(namespace) as number | undefined) ?? 0;
          if (stored !== change.expectVersion) {
            throw new WriteConflictError(
              `The persona state of ${namespace} is at version ${stored}, not ${change.expectVersion}; nothing was written.`,
            );
          }
          const seq = memories.length > 0 ? this.host.nextSeq() : 0;
          for (const memory of memories) this.host.insertRow(memory, seq);
          statements.upsert.run(namespace, stored + 1, state);
          return { version: stored + 1, seq };
        })
        .immediate();
    });
    this.host.indexWritten(memories, seq);
    return version;
  }

  /** Statements for the current connection (the store may be reopened); the table is made on first use. */
  private prepared(): ReturnType<typeof prepare> {
    const db = this.host.database();
    if (this.statements === null || this.preparedFor !== db) {
      db.exec(PERSONA_TABLE);
      this.statements = prepare(db);
      this.preparedFor = db;
    }
    return this.statements;
  }
}

function prepare(db: Database.Database) {
  return {
    read: db.prepare('SELECT version, state FROM persona_state WHERE namespace = ?'),
    version: db.prepare('SELECT version FROM persona_state WHERE namespace = ?').pluck(),
    upsert: db.prepare(
      'INSERT INTO persona_state (namespace, version, state) VALUES (?, ?, ?) ON CONFLICT (namespace) DO UPDATE SET version = excluded.version, state = excluded.state',
    ),
  };
}
