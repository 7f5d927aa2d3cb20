import type Database from 'better-sqlite3';
import type { FeedbackLogEntry, FeedbackLogQuery, FeedbackLogStore } from '../feedback-log-store.js';

/** What the feedback log needs from its `SqliteStore`. Internal. */
export interface SqliteFeedbackLogHost {
  database(): Database.Database;
  guard<T>(step: () => T): T;
}

/** Entries kept per namespace; older ones are dropped as new ones arrive. */
export const FEEDBACK_LOG_LIMIT = 10_000;

// Created on first use, so a store that never gets feedback carries no trace of it.
const FEEDBACK_LOG_TABLE = `CREATE TABLE IF NOT EXISTS feedback_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  namespace TEXT NOT NULL,
  memory_id TEXT NOT NULL,
  entry     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_log_by_namespace ON feedback_log (namespace, seq);
CREATE INDEX IF NOT EXISTS feedback_log_by_memory ON feedback_log (namespace, memory_id, seq)`;

/** The SQLite implementation of {@link FeedbackLogStore}: table `feedback_log`, in the memories' file. */
export class SqliteFeedbackLog implements FeedbackLogStore {
  private statements: ReturnType<typeof prepare> | null = null;
  private preparedFor: Database.Database | null = null;

  constructor(private readonly host: SqliteFeedbackLogHost) {}

  async append(namespace: string, entries: readonly FeedbackLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.host.guard(() => {
      const statements = this.prepared();
      this.host
        .database()
        .transaction(() => {
          for (const entry of entries)
            statements.insert.run(namespace, entry.memoryId, JSON.stringify({ ...entry, at: entry.at.getTime() }));
          statements.prune.run(namespace, namespace, FEEDBACK_LOG_LIMIT);
        })
        .immediate();
    });
  }

  async list(namespace: string, query: FeedbackLogQuery): Promise<FeedbackLogEntry[]> {
    const rows = this.host.guard(() => {
      const statements = this.prepared();
      return (
        query.memoryId === undefined
          ? statements.list.all(namespace, query.limit)
          : statements.listMemory.all(namespace, query.memoryId, query.limit)
      ) as { entry: string }[];
    });
    return rows.map((row) => {
      const stored = JSON.parse(row.entry) as Omit<FeedbackLogEntry, 'at'> & { at: number };
      return { ...stored, at: new Date(stored.at) };
    });
  }

  /** Statements for the current connection (the store may be reopened); the table is made on first use. */
  private prepared(): ReturnType<typeof prepare> {
    const db = this.host.database();
    if (this.statements === null || this.preparedFor !== db) {
      db.exec(FEEDBACK_LOG_TABLE);
      this.statements = prepare(db);
      this.preparedFor = db;
    }
    return this.statements;
  }
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO feedback_log (namespace, memory_id, entry) VALUES (?, ?, ?)'),
    prune: db.prepare(
      'DELETE FROM feedback_log WHERE namespace = ? AND seq <= (SELECT seq FROM feedback_log WHERE namespace = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
    ),
    list: db.prepare('SELECT entry FROM feedback_log WHERE namespace = ? ORDER BY seq DESC LIMIT ?'),
    listMemory: db.prepare(
      'SELECT entry FROM feedback_log WHERE namespace = ? AND memory_id = ? ORDER BY seq DESC LIMIT ?',
    ),
  };
}
