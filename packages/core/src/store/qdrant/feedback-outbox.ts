import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import type { SignalUpdate } from '../memory-store.js';
import type { QdrantSchemas } from './qdrant-api.js';

/**
 * A queued write, in the order it was acknowledged: a batch of feedback for one namespace or, when
 * `inserts` is present, an insert (its points carry their own namespaces; `updates` is empty).
 */
export interface OutboxEntry {
  readonly sequence: number;
  /** The batch's namespace; for an insert, its first memory's. */
  readonly namespace: string;
  readonly updates: SignalUpdate[];
  /** An insert's points, as they are sent to Qdrant (each holding `writeId` in its `signal_writes`). */
  readonly inserts?: QdrantSchemas['PointStruct'][];
  /**
   * Names this batch's write in the points it changes, so replaying a batch whose write landed but
   * whose answer was lost skips the points it already changed instead of nudging them twice.
   */
  readonly writeId: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT NOT NULL,
  namespace  TEXT NOT NULL,
  updates    TEXT NOT NULL,
  queued_at  INTEGER NOT NULL,
  write_id   TEXT,
  inserts    TEXT
);
-- Entries Qdrant refused for good (not a passing fault): kept, never dropped silently.
CREATE TABLE IF NOT EXISTS outbox_rejected (
  sequence    INTEGER PRIMARY KEY,
  collection  TEXT NOT NULL,
  namespace   TEXT NOT NULL,
  updates     TEXT NOT NULL,
  queued_at   INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  inserts     TEXT
);
-- Ids a replayed update batch named that were not there (never written, deleted, or another
-- namespace's): the update was dropped, not applied; kept so the loss can be seen.
CREATE TABLE IF NOT EXISTS outbox_dropped (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  collection  TEXT NOT NULL,
  namespace   TEXT NOT NULL,
  memory_id   TEXT NOT NULL,
  write_id    TEXT NOT NULL,
  dropped_at  INTEGER NOT NULL
);
`;

/** A queued update whose memory was not there when it was replayed: dropped, never applied. */
export interface DroppedUpdate {
  readonly namespace: string;
  readonly id: string;
  /** The write id of the batch it was queued in. */
  readonly writeId: string;
  readonly droppedAt: Date;
}

/**
 * A durable local queue for signal updates and inserts that could not reach Qdrant: a SQLite file (WAL,
 * synchronous=FULL, so an appended entry survives a crash or power loss). Entries come back in the
 * order they were appended. One process at a time should replay a given file.
 */
export class FeedbackOutbox {
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly collection: string,
  ) {
    this.statements = {
      append: db.prepare(
        'INSERT INTO outbox (collection, namespace, updates, queued_at, write_id, inserts) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      first: db.prepare(
        'SELECT sequence, namespace, updates, write_id, inserts FROM outbox WHERE collection = ? ORDER BY sequence LIMIT 1',
      ),
      drop: db.prepare(
        'INSERT INTO outbox_dropped (collection, namespace, memory_id, write_id, dropped_at) VALUES (?, ?, ?, ?, ?)',
      ),
      dropped: db.prepare(
        'SELECT namespace, memory_id, write_id, dropped_at FROM outbox_dropped WHERE collection = ? ORDER BY id',
      ),
      name: db.prepare('UPDATE outbox SET write_id = ? WHERE sequence = ?'),
      remove: db.prepare('DELETE FROM outbox WHERE sequence = ?'),
      reject: db.prepare(
        'INSERT INTO outbox_rejected (sequence, collection, namespace, updates, queued_at, reason, inserts) ' +
          'SELECT sequence, collection, namespace, updates, queued_at, ?, inserts FROM outbox WHERE sequence = ?',
      ),
      size: db.prepare('SELECT count(*) FROM outbox WHERE collection = ?').pluck(),
      rejected: db.prepare('SELECT count(*) FROM outbox_rejected WHERE collection = ?').pluck(),
    };
  }

  /** Opens (or creates) the outbox file; entries are kept per collection. */
  static open(path: string, collection: string): FeedbackOutbox {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      const db = new Database(path, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(SCHEMA);
      // Files from before write ids: add the column; their entries get an id when first replayed.
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('outbox') as string[];
      if (!columns.includes('write_id')) db.exec('ALTER TABLE outbox ADD COLUMN write_id TEXT');
      // Files from before queued inserts: every entry in them is an update batch.
      if (!columns.includes('inserts')) db.exec('ALTER TABLE outbox ADD COLUMN inserts TEXT');
      const rejectedColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('outbox_rejected');
      if (!(rejectedColumns as string[]).includes('inserts'))
        db.exec('ALTER TABLE outbox_rejected ADD COLUMN inserts TEXT');
      return new FeedbackOutbox(db, collection);
    } catch (error) {
      throw new StoreFailureError(`Cannot open the Qdrant feedback outbox at ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Appends a batch (under the write id it was first tried with, if any); when this returns, it is on disk. */
  append(namespace: string, updates: readonly SignalUpdate[], writeId: string = randomUUID()): void {
    this.statements.append.run(this.collection, namespace, serializeUpdates(updates), Date.now(), writeId, null);
  }

  /** Appends an insert's points under its write id; when this returns, it is on disk. */
  appendInsert(points: readonly QdrantSchemas['PointStruct'][], writeId: string): void {
    const namespace = String(points[0]?.payload?.namespace ?? '');
    this.statements.append.run(this.collection, namespace, '[]', Date.now(), writeId, JSON.stringify(points));
  }

  /** Records ids a replayed batch named that were not there (see {@link DroppedUpdate}). */
  recordDropped(namespace: string, ids: readonly string[], writeId: string): void {
    const at = Date.now();
    this.db.transaction(() => {
      for (const id of ids) this.statements.drop.run(this.collection, namespace, id, writeId, at);
    })();
  }

  /** Drops a replayed entry and records the ids it had to drop, in one transaction. */
  removeDropping(entry: OutboxEntry, droppedIds: readonly string[]): void {
    this.db.transaction(() => {
      this.recordDropped(entry.namespace, droppedIds, entry.writeId);
      this.statements.remove.run(entry.sequence);
    })();
  }

  /** Every update dropped on replay, oldest first. */
  dropped(): DroppedUpdate[] {
    return (
      this.statements.dropped.all(this.collection) as {
        namespace: string;
        memory_id: string;
        write_id: string;
        dropped_at: number;
      }[]
    ).map((row) => ({
      namespace: row.namespace,
      id: row.memory_id,
      writeId: row.write_id,
      droppedAt: new Date(row.dropped_at),
    }));
  }

  /** The oldest entry, or undefined when the outbox is empty. */
  first(): OutboxEntry | undefined {
    const row = this.statements.first.get(this.collection) as
      | { sequence: number; namespace: string; updates: string; write_id: string | null; inserts: string | null }
      | undefined;
    if (!row) return undefined;
    let writeId = row.write_id;
    if (writeId === null) {
      writeId = randomUUID();
      this.statements.name.run(writeId, row.sequence);
    }
    const entry = {
      sequence: row.sequence,
      namespace: row.namespace,
      updates: deserializeUpdates(row.updates),
      writeId,
    };
    return row.inserts === null
      ? entry
      : { ...entry, inserts: JSON.parse(row.inserts) as QdrantSchemas['PointStruct'][] };
  }

  /** Drops an entry once Qdrant has applied it. */
  remove(sequence: number): void {
    this.statements.remove.run(sequence);
  }

  /** Moves an entry Qdrant refused for good aside, with the reason, so it stops blocking the queue. */
  reject(sequence: number, reason: string): void {
    this.db.transaction(() => {
      this.statements.reject.run(reason, sequence);
      this.statements.remove.run(sequence);
    })();
  }

  /** Entries waiting to be replayed. */
  get size(): number {
    return this.statements.size.get(this.collection) as number;
  }

  /** Entries set aside as refused. */
  get rejected(): number {
    return this.statements.rejected.get(this.collection) as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Updates as JSON, dates as epoch milliseconds. */
export function serializeUpdates(updates: readonly SignalUpdate[]): string {
  return JSON.stringify(updates.map((update) => ({ ...update, recalledAt: update.recalledAt?.getTime() })));
}

export function deserializeUpdates(json: string): SignalUpdate[] {
  return (JSON.parse(json) as (Omit<SignalUpdate, 'recalledAt'> & { recalledAt?: number })[]).map(
    ({ recalledAt, ...rest }) => (recalledAt === undefined ? rest : { ...rest, recalledAt: new Date(recalledAt) }),
  );
}
