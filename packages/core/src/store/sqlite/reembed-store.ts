import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Embedder } from '../../embed/embedder.js';
import { embedderSchema } from '../../embed/embedder-schema.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { ReembedInProgressError } from '../../errors/reembed-in-progress-error.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import { embedTexts } from '../../embed/embed-texts.js';
import { vectorToBlob } from './record-row.js';
import { REEMBED_META_KEYS, REEMBED_VECTORS_TABLE, readReembedTarget, type ReembedCursor } from './reembed-state.js';

/** What `reembedStore` uses when an option is left out. */
export const REEMBED_DEFAULTS = Object.freeze({
  /** Memories embedded and committed together; a crash loses at most one batch of work. @default 256 */
  batchSize: 256,
  /** How long a write waits for another process's write lock before failing. @default 5000 */
  busyTimeoutMs: 5000,
});

/** Where a reembed stands, reported after every committed batch. */
export interface ReembedProgress {
  /** Memories that have their new vector (this run and earlier, interrupted runs). */
  done: number;
  /** Memories in the store. */
  total: number;
  /** The namespace of the batch just committed. */
  namespace: string;
}

/** Options of {@link reembedStore}. */
export interface ReembedStoreOptions {
  /** The SQLite store file; it must exist. */
  path: string;
  /** The embedder the store moves to; it opens with this one afterwards. */
  embedder: Embedder;
  /** Memories embedded per committed batch. @default 256 */
  batchSize?: number;
  /** Called after every committed batch. */
  onProgress?: (progress: ReembedProgress) => void;
  /** Stops between batches (what is committed stays; run again to resume). */
  signal?: AbortSignal;
  /** Throw away a reembed in progress to another embedder and start over with this one. */
  restart?: boolean;
  /** @default 5000 */
  busyTimeoutMs?: number;
}

/** What a finished {@link reembedStore} did. */
export interface ReembedStoreResult {
  /** Memories embedded by this run (an earlier, interrupted run's batches are not embedded again). */
  reembedded: number;
  /** Memories in the store. */
  total: number;
  /** True when this run continued an interrupted one. */
  resumed: boolean;
  /** The embedder the store was built with before. */
  previous: { embedderId: string; dimensions: number };
  /** The embedder the store opens with now. */
  embedder: { embedderId: string; dimensions: number };
}

const optionsSchema = z.object({
  path: z.string().min(1),
  embedder: embedderSchema,
  batchSize: z.number().int().min(1).max(100_000).default(REEMBED_DEFAULTS.batchSize),
  onProgress: z.custom<(progress: ReembedProgress) => void>((value) => typeof value === 'function').optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal).optional(),
  restart: z.boolean().default(false),
  busyTimeoutMs: z.number().int().min(0).default(REEMBED_DEFAULTS.busyTimeoutMs),
});

interface PendingRow {
  id: string;
  namespace: string;
  text: string;
  created_at: number;
  seq: number;
}

/**
 * Moves a SQLite store to another embedder: every memory of every namespace (summaries too) gets
 * a vector from `embedder`, a batch at a time, each batch committed with the walk's cursor. Until
 * the last step the memories keep their old vectors and the store opens with neither embedder
 * (`ReembedInProgressError`); the last step moves the new vectors in and switches the stored
 * embedder in one transaction. Killed or aborted, it resumes from the last committed batch when
 * run again with the same embedder. Memories written meanwhile by a process that still has the
 * store open are embedded before the switch.
 */
export async function reembedStore(options: ReembedStoreOptions): Promise<ReembedStoreResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success)
    throw new InvalidInputError(
      'Invalid reembedStore options.',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  const { path, embedder, batchSize, onProgress, signal, restart, busyTimeoutMs } = parsed.data;
  if (path === ':memory:' || !existsSync(path))
    throw new StoreFailureError(`${path} does not exist: reembed moves an existing store file to another embedder.`);
  signal?.throwIfAborted();

  const db = guard(path, () => new Database(path, { timeout: busyTimeoutMs, fileMustExist: true }));
  try {
    guard(path, () => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    });
    const job = guard(path, () => new ReembedJob(db, path, embedder));
    const start = guard(path, () => job.begin(restart));
    if (start.alreadyCurrent)
      return { reembedded: 0, total: start.total, resumed: false, previous: start.previous, embedder: start.previous };
    let reembedded = 0;
    const report = (namespace: string) => onProgress?.({ ...guard(path, () => job.counts()), namespace });
    // The walk: namespace by namespace, in creation order, from the persisted cursor.
    for (let rows = guard(path, () => job.nextWalkBatch(batchSize)); rows.length > 0; ) {
      const vectors = await embedTexts(
        embedder,
        rows.map((row) => row.text),
      );
      const last = rows.at(-1)!;
      guard(path, () =>
        job.store(rows, vectors, { namespace: last.namespace, createdAt: last.created_at, id: last.id }),
      );
      reembedded += rows.length;
      report(last.namespace);
      signal?.throwIfAborted();
      rows = guard(path, () => job.nextWalkBatch(batchSize));
    }
    // The sweep: memories written or rewritten behind the cursor by other processes, then the switch.
    for (;;) {
      const stale = guard(path, () => job.staleRows(batchSize));
      if (stale.length === 0) {
        if (guard(path, () => job.finish())) break;
        continue;
      }
      const vectors = await embedTexts(
        embedder,
        stale.map((row) => row.text),
      );
      guard(path, () => job.store(stale, vectors, null));
      reembedded += stale.length;
      report(stale.at(-1)!.namespace);
      signal?.throwIfAborted();
    }
    return {
      reembedded,
      total: guard(path, () => job.total()),
      resumed: start.resumed,
      previous: start.previous,
      embedder: { embedderId: embedder.id, dimensions: embedder.dimensions },
    };
  } finally {
    db.close();
  }
}

/** The reembed's reads and writes on the open file; each method is one statement or one transaction. */
class ReembedJob {
  private readonly statements;
  private progress: { done: number; total: number } | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly embedder: Embedder,
  ) {
    const metaTable = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'memories')")
      .pluck()
      .get() as number;
    if (metaTable !== 2) throw new StoreFailureError(`${path} is not a Resonant store (no meta and memories tables).`);
    db.exec(REEMBED_VECTORS_TABLE);
    this.statements = {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      total: db.prepare('SELECT count(*) FROM memories').pluck(),
      done: db.prepare('SELECT count(*) FROM reembed_vectors r JOIN memories m ON m.id = r.id').pluck(),
      firstNamespace: db.prepare('SELECT min(namespace) FROM memories').pluck(),
      namespaceAfter: db.prepare('SELECT min(namespace) FROM memories WHERE namespace > ?').pluck(),
      walk: db.prepare(
        'SELECT id, namespace, text, created_at, seq FROM memories WHERE namespace = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?',
      ),
      stale: db.prepare(
        'SELECT m.id, m.namespace, m.text, m.created_at, m.seq FROM memories m LEFT JOIN reembed_vectors r ON r.id = m.id WHERE r.id IS NULL OR r.source_seq != m.seq LIMIT ?',
      ),
      hasVector: db.prepare('SELECT 1 FROM reembed_vectors WHERE id = ?').pluck(),
      storeVector: db.prepare('INSERT OR REPLACE INTO reembed_vectors (id, vector, source_seq) VALUES (?, ?, ?)'),
    };
  }

  /** Starts a reembed, or joins the one in progress; with `restart`, one to another embedder is thrown away. */
  begin(restart: boolean): {
    alreadyCurrent: boolean;
    resumed: boolean;
    total: number;
    previous: { embedderId: string; dimensions: number };
  } {
    return this.db
      .transaction(() => {
        const { meta, setMeta } = this.statements;
        const previous = { embedderId: meta.get('embedder_id') as string, dimensions: Number(meta.get('dimensions')) };
        const total = this.statements.total.get() as number;
        let target = readReembedTarget(this.db);
        const same = (other: { embedderId: string; dimensions: number }) =>
          other.embedderId === this.embedder.id && other.dimensions === this.embedder.dimensions;
        if (target !== null && !same(target)) {
          if (!restart)
            throw new ReembedInProgressError(
              `${this.path} is half-way through a reembed to "${target.embedderId}" (${target.dimensions} dimensions), not "${this.embedder.id}"; ` +
                'resume it with that embedder, or pass restart (CLI: --restart) to start over with this one.',
            );
          this.clear();
          target = null;
        }
        if (target === null && same(previous)) {
          this.clear();
          return { alreadyCurrent: true, resumed: false, total, previous };
        }
        const resumed = target !== null;
        if (!resumed) {
          this.db.exec(REEMBED_VECTORS_TABLE);
          setMeta.run(REEMBED_META_KEYS.embedderId, this.embedder.id);
          setMeta.run(REEMBED_META_KEYS.dimensions, String(this.embedder.dimensions));
        }
        return { alreadyCurrent: false, resumed, total, previous };
      })
      .immediate();
  }

  total(): number {
    return this.statements.total.get() as number;
  }

  /** Progress figures: counted once (each count reads every row), then kept up by {@link store}. */
  counts(): { done: number; total: number } {
    this.progress ??= {
      done: this.statements.done.get() as number,
      total: this.statements.total.get() as number,
    };
    return { done: Math.min(this.progress.total, this.progress.done), total: this.progress.total };
  }

  /** The next memories after the cursor, all from one namespace; empty when the walk is over. */
  nextWalkBatch(limit: number): PendingRow[] {
    const raw = this.statements.meta.get(REEMBED_META_KEYS.cursor) as string | undefined;
    let cursor = raw === undefined ? null : (JSON.parse(raw) as ReembedCursor);
    let namespace = cursor?.namespace ?? (this.statements.firstNamespace.get() as string | null);
    while (namespace !== null) {
      const rows = this.statements.walk.all(
        namespace,
        cursor?.namespace === namespace ? cursor.createdAt : -Infinity,
        cursor?.namespace === namespace ? cursor.id : '',
        limit,
      ) as PendingRow[];
      if (rows.length > 0) return rows;
      namespace = this.statements.namespaceAfter.get(namespace) as string | null;
      cursor = null;
    }
    return [];
  }

  /** Memories without a new vector, or whose row changed after theirs was computed. */
  staleRows(limit: number): PendingRow[] {
    return this.statements.stale.all(limit) as PendingRow[];
  }

  /** Stores a batch's new vectors, and the cursor past it, in one transaction. */
  store(rows: readonly PendingRow[], vectors: readonly Float32Array[], cursor: ReembedCursor | null): void {
    const added = this.db
      .transaction(() => {
        let added = 0;
        rows.forEach((row, index) => {
          if (this.statements.hasVector.get(row.id) === undefined) added++;
          this.statements.storeVector.run(row.id, vectorToBlob(vectors[index]!), row.seq);
        });
        if (cursor !== null) this.statements.setMeta.run(REEMBED_META_KEYS.cursor, JSON.stringify(cursor));
        return added;
      })
      .immediate();
    if (this.progress !== null) this.progress.done += added;
    // The sweep's rows may be new memories: count the total again at the next report.
    if (cursor === null) this.progress = null;
  }

  /**
   * The switch, in one transaction: new vectors into the memories, the new embedder into meta.
   * Every moved row takes a new change number so processes with the store open reload it. False
   * (nothing changed) when a memory was written since the last sweep: sweep again.
   */
  finish(): boolean {
    return this.db
      .transaction(() => {
        if (this.statements.stale.all(1).length > 0) return false;
        const base = Number(this.statements.meta.get('seq'));
        const last = (this.db.prepare('SELECT max(rowid) FROM reembed_vectors').pluck().get() as number | null) ?? 0;
        this.db
          .prepare(
            'UPDATE memories SET vector = r.vector, seq = ? + r.rowid FROM reembed_vectors AS r WHERE r.id = memories.id',
          )
          .run(base);
        this.statements.setMeta.run('seq', String(base + last));
        this.statements.setMeta.run('embedder_id', this.embedder.id);
        this.statements.setMeta.run('dimensions', String(this.embedder.dimensions));
        this.clear();
        return true;
      })
      .immediate();
  }

  /** Forgets the reembed in progress (inside the caller's transaction). */
  private clear(): void {
    this.db.exec('DROP TABLE IF EXISTS reembed_vectors');
    this.db
      .prepare('DELETE FROM meta WHERE key IN (?, ?, ?)')
      .run(REEMBED_META_KEYS.embedderId, REEMBED_META_KEYS.dimensions, REEMBED_META_KEYS.cursor);
  }
}

/** Runs a database step, turning driver errors into typed Resonant errors. */
function guard<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (ResonantError.isInstance(error)) throw error;
    throw new StoreFailureError(`SQLite failed on ${path} during reembed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
