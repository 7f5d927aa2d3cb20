import Database from 'better-sqlite3';
import { EmbedderMismatchError } from '../../errors/embedder-mismatch-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import { ResonantError } from '../../errors/resonant-error.js';
import { ReembedInProgressError } from '../../errors/reembed-in-progress-error.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import { NamespaceIndex, type IndexFilter } from '../index/namespace-index.js';
import type { VectorGraphEvent } from '../index/vector-graph-file.js';
import { checkStoredMemories } from '../check-stored-memories.js';
import type {
  LexicalCandidate,
  LexicalQuery,
  ListOptions,
  MemoryFilter,
  MemoryPage,
  MemoryStore,
  NeighbourQuery,
  Neighbours,
  SignalUpdate,
  StoredMemory,
  StoreOpenContext,
  TimelineEntry,
  VectorCandidate,
  VectorQuery,
} from '../memory-store.js';
import { createParentDirectory } from './create-parent-directory.js';
import { filterCondition } from './filter-condition.js';
import { SqliteGraph } from './sqlite-graph.js';
import { SqliteFeedbackLog } from './sqlite-feedback-log.js';
import { SqlitePersonaState } from './sqlite-persona-state.js';
import { IndexCatchUp } from './index-catch-up.js';
import { RECORD_COLUMNS, recordFromRow, rowFromStored, vectorFromBlob, type RecordRow } from './record-row.js';
import { SCHEMA_V1, SCHEMA_VERSION } from './schema.js';
import { readReembedTarget, reembedHint } from './reembed-state.js';
import { type SqliteStoreOptions, sqliteStoreOptionsSchema } from './sqlite-store-options.js';
import { VectorGraphDirectory } from './vector-graph-directory.js';
import { parseInput } from '../../errors/parse-input.js';
import type { ResolvedVectorIndexOptions } from '../index/vector-index-options.js';

export type { SqliteStoreOptions } from './sqlite-store-options.js';

/** An index that has not had a full catch-up yet (new, or loading in slices). */
const NOT_CAUGHT_UP = -1;
/** Rows per slice of a background load: about 20 ms of work on a slow machine. */
const WARM_SLICE_ROWS = 1000;

/**
 * The embedded default store: SQLite (WAL, synchronous=FULL) is the source of truth; each
 * namespace's search index (BM25, vectors, the episodes' timeline) lives in process, loads on
 * first use and catches up with other processes' writes (seen through `PRAGMA data_version`)
 * before every query.
 */
export class SqliteStore implements MemoryStore {
  readonly capabilities = Object.freeze({ crossProcess: true, persistent: true });
  private db: Database.Database | null = null;
  private dimensions = 0;
  private embedderId = '';
  private readonly indexes = new Map<string, { index: NamespaceIndex; generation: number }>();
  /** Bumped whenever another connection has committed; indexes from older generations catch up. */
  private generation = 0;
  private dataVersion = -1;
  private statements!: ReturnType<SqliteStore['prepare']>;
  private catchUp!: IndexCatchUp;
  /** Links, entities, adjacency and consolidation writes (the optional graph capability). */
  readonly graph = new SqliteGraph({
    database: () => this.database,
    guard: (step) => this.guard(step),
    nextSeq: () => this.nextSeq(),
    checkMemories: (memories) => checkStoredMemories(memories, this.dimensions),
    insertRow: (memory, seq) => this.statements.insert.run(rowFromStored(memory, seq)),
    replaceRow: (memory, seq) => this.replaceRow(memory, seq),
    deleteRow: (namespace, id, seq) => this.deleteRow(namespace, id, seq),
    indexWritten: (memories, seq) => this.indexWritten(memories, seq),
    indexRemoved: (namespace, ids) => this.indexRemoved(namespace, ids),
    loadedIndex: (namespace) => this.indexes.get(namespace)?.index,
  });
  /** Per-namespace persona state, written with the episodes it produces (the optional persona capability). */
  readonly persona = new SqlitePersonaState({
    database: () => this.database,
    guard: (step) => this.guard(step),
    nextSeq: () => this.nextSeq(),
    checkMemories: (memories) => checkStoredMemories(memories, this.dimensions),
    insertRow: (memory, seq) => this.statements.insert.run(rowFromStored(memory, seq)),
    indexWritten: (memories, seq) => this.indexWritten(memories, seq),
  });

  /** What each memory trace changed (the optional feedback log capability). */
  readonly feedbackLog = new SqliteFeedbackLog({ database: () => this.database, guard: (step) => this.guard(step) });

  private readonly options: SqliteStoreOptions;
  private readonly vectorIndex: ResolvedVectorIndexOptions;
  /** Where namespaces' vector graphs are kept between opens; null for `:memory:` or `persist: false`. */
  private graphs: VectorGraphDirectory | null = null;

  constructor(options: SqliteStoreOptions) {
    const parsed = parseInput(sqliteStoreOptionsSchema, options, 'SqliteStore options');
    this.options = parsed as SqliteStoreOptions;
    this.vectorIndex = parsed.vectorIndex;
  }

  /** The database file (or `:memory:`), for stats and operators' tools. */
  get path(): string {
    return this.options.path;
  }

  async open(context: StoreOpenContext): Promise<void> {
    this.guard(() => {
      if (this.options.path !== ':memory:') createParentDirectory(this.options.path);
      const db = new Database(this.options.path, { timeout: this.options.busyTimeoutMs ?? 5000 });
      this.db = db;
      db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk when it returns, not merely in the OS cache (power-loss safe).
      db.pragma('synchronous = FULL');
      // Recall reads its candidates' rows by id: a page cache that holds a 100k-memory file's hot
      // pages saves a read call per page (SQLite's default cache is 2 MB).
      db.pragma('cache_size = -65536');
      db.transaction(() => {
        db.exec(SCHEMA_V1);
        const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
        insertMeta.run('schema_version', String(SCHEMA_VERSION));
        insertMeta.run('seq', '0');
        insertMeta.run('embedder_id', context.embedderId);
        insertMeta.run('dimensions', String(context.dimensions));
      }).immediate();
      const meta = new Map(
        (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [
          row.key,
          row.value,
        ]),
      );
      const reembedTarget = readReembedTarget(db);
      if (reembedTarget !== null) {
        db.close();
        this.db = null;
        throw new ReembedInProgressError(
          `${this.options.path} is being moved from embedder "${meta.get('embedder_id')}" to "${reembedTarget.embedderId}" ` +
            `(${reembedTarget.dimensions} dimensions) and opens with neither until that finishes; to resume, ${reembedHint(this.options.path, reembedTarget.embedderId)}.`,
        );
      }
      if (meta.get('embedder_id') !== context.embedderId || Number(meta.get('dimensions')) !== context.dimensions) {
        db.close();
        this.db = null;
        throw new EmbedderMismatchError(
          `${this.options.path} was built with embedder "${meta.get('embedder_id')}" (${meta.get('dimensions')} dimensions), ` +
            `not "${context.embedderId}" (${context.dimensions}); open it with the same embedder, or move it to the new one: ` +
            `${reembedHint(this.options.path, context.embedderId)}.`,
        );
      }
      if (Number(meta.get('schema_version')) > SCHEMA_VERSION) {
        db.close();
        this.db = null;
        throw new StoreFailureError(
          `${this.options.path} has schema version ${meta.get('schema_version')}, newer than this Resonant (${SCHEMA_VERSION}); upgrade @resonant/core.`,
        );
      }
      this.dimensions = context.dimensions;
      this.embedderId = context.embedderId;
      this.graphs =
        this.options.path === ':memory:' || !this.vectorIndex.persist
          ? null
          : new VectorGraphDirectory(`${this.options.path}.vectors`, `${context.embedderId}/${context.dimensions}`);
      this.statements = this.prepare(db);
      this.catchUp = new IndexCatchUp(db, context.dimensions);
      this.dataVersion = this.statements.dataVersion.get() as number;
    });
  }

  async insert(memories: readonly StoredMemory[]): Promise<void> {
    this.write(memories, false);
  }

  async upsert(memories: readonly StoredMemory[]): Promise<void> {
    this.write(memories, true);
  }

  /** Inserts (or, with `replace`, replaces same-namespace rows) in one transaction, then updates the loaded index. */
  private write(memories: readonly StoredMemory[], replace: boolean): void {
    if (memories.length === 0) return;
    const db = this.database;
    checkStoredMemories(memories, this.dimensions);
    const seq = this.guard(() => {
      const { insert, deleteOne, namespaceOf } = this.statements;
      return db
        .transaction(() => {
          const next = this.nextSeq();
          for (const memory of memories) {
            if (replace) {
              const owner = namespaceOf.get(memory.record.id) as string | undefined;
              if (owner !== undefined && owner !== memory.record.namespace) {
                throw new InvalidInputError(
                  `Memory id "${memory.record.id}" belongs to another namespace; nothing was written.`,
                  [{ path: 'id', message: 'id taken by another namespace' }],
                );
              }
              // Still present, so other processes' catch-up sees the new row (higher seq) and needs no tombstone.
              deleteOne.run(memory.record.namespace, memory.record.id);
            }
            insert.run(rowFromStored(memory, next));
          }
          return next;
        })
        .immediate();
    });
    this.indexWritten(memories, seq);
  }

  /** Own writes go straight into the loaded indexes (catch-up is for other connections' writes). */
  private indexWritten(memories: readonly StoredMemory[], seq: number): void {
    for (const memory of memories) {
      this.indexes.get(memory.record.namespace)?.index.upsert({
        id: memory.record.id,
        kind: memory.record.kind,
        archived: memory.record.archivedAt !== null,
        terms: memory.terms.join(' '),
        vector: memory.vector,
        createdAt: memory.record.createdAt.getTime(),
        seq,
      });
    }
  }

  async get(ids: readonly string[]): Promise<MemoryRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.guard(() => this.statements.getByIds.all(JSON.stringify(ids)) as RecordRow[]);
    const byId = new Map(rows.map((row) => [row.id, recordFromRow(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async idsByPrefix(namespace: string, prefixes: readonly string[], limit: number): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    this.guard(() => {
      for (const prefix of new Set(prefixes)) {
        // A range on the primary key: every id starting with the prefix sorts between these two.
        const ids = this.statements.idsByPrefix.all(prefix, `${prefix}\u{10FFFF}`, namespace, limit) as string[];
        found.set(prefix, ids);
      }
    });
    return found;
  }

  async lexicalCandidates(query: LexicalQuery): Promise<LexicalCandidate[]> {
    const index = this.indexFor(query.namespace);
    return index.lexical(query.terms, query.bm25, query.limit, this.indexFilter(query.namespace, query.filter));
  }

  async vectorCandidates(query: VectorQuery): Promise<VectorCandidate[]> {
    const index = this.indexFor(query.namespace);
    return index.nearest(query.vector, query.limit, this.indexFilter(query.namespace, query.filter));
  }

  async neighbours(query: NeighbourQuery): Promise<Neighbours[]> {
    const kinds = query.filter?.kinds;
    // The timeline in the index holds the episodes: neighbours among episodes come from memory, any other from SQL.
    const index =
      kinds !== undefined && kinds.length > 0 && kinds.every((kind) => kind === 'episode')
        ? this.indexFor(query.namespace)
        : undefined;
    const filter = index && this.indexFilter(query.namespace, query.filter);
    return query.ids.map((id) => ({
      id,
      ...(index?.episodeNeighbours(id, query.radius, filter!) ??
        this.neighboursFromSql(query.namespace, id, query.radius, query.filter)),
    }));
  }

  /** {@link neighbours} of one memory, read with SQL in listing order. */
  private neighboursFromSql(
    namespace: string,
    id: string,
    radius: number,
    filter: MemoryFilter | undefined,
  ): { before: TimelineEntry[]; after: TimelineEntry[] } {
    if (radius < 1) return { before: [], after: [] };
    const condition = filterCondition(filter);
    return this.guard(() => {
      const createdAt = this.statements.createdAtOf.get(namespace, id) as number | undefined;
      if (createdAt === undefined) return { before: [], after: [] };
      const side = (comparison: '<' | '>', order: 'ASC' | 'DESC') =>
        this.database
          .prepare(
            `SELECT id, kind, created_at AS createdAt, archived_at IS NOT NULL AS archived FROM memories WHERE namespace = ? AND (created_at, id) ${comparison} (?, ?) AND ${condition.sql} ORDER BY created_at ${order}, id ${order} LIMIT ?`,
          )
          .all(namespace, createdAt, id, ...condition.params, radius)
          .map((row) => ({ ...(row as TimelineEntry), archived: (row as { archived: number }).archived === 1 }));
      return { before: side('<', 'DESC'), after: side('>', 'ASC') };
    });
  }

  /** A memory filter as the index applies it; metadata conditions are answered by SQLite first. */
  private indexFilter(namespace: string, filter: MemoryFilter | undefined): IndexFilter {
    if (!filter) return {};
    let onlyIds =
      filter.metadata !== undefined
        ? this.idsMatching(namespace, { metadata: filter.metadata, includeArchived: true })
        : undefined;
    if (filter.ids !== undefined) {
      const asked = new Set(filter.ids);
      onlyIds = onlyIds ? new Set([...onlyIds].filter((id) => asked.has(id))) : asked;
    }
    return {
      kinds: filter.kinds,
      includeArchived: filter.includeArchived,
      onlyIds,
      createdWithin: filter.createdWithin?.map((span) => ({ from: span.from.getTime(), to: span.to.getTime() })),
    };
  }

  async update(namespace: string, updates: readonly SignalUpdate[]): Promise<string[]> {
    if (updates.length === 0) return [];
    return this.guard(() =>
      this.database
        .transaction(() => {
          const updated: string[] = [];
          for (const update of updates) {
            const result = this.statements.updateSignals.run({
              namespace,
              id: update.id,
              recalled_at: update.recalledAt?.getTime() ?? null,
              ...nudgeParams('arousal', update.arousal),
              ...nudgeParams('utility', update.utility),
              ...nudgeParams('valence', update.valence),
              ...nudgeParams('joy', update.emotion?.joy),
              ...nudgeParams('aversion', update.emotion?.aversion),
              ...nudgeParams('trauma', update.emotion?.trauma),
            });
            if (result.changes > 0) updated.push(update.id);
          }
          return updated;
        })
        .immediate(),
    );
  }

  async delete(namespace: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const deleted = this.guard(() =>
      this.database
        .transaction(() => {
          const seq = this.nextSeq();
          const gone: string[] = [];
          for (const id of new Set(ids)) if (this.deleteRow(namespace, id, seq)) gone.push(id);
          return gone;
        })
        .immediate(),
    );
    this.indexRemoved(namespace, deleted);
    return deleted;
  }

  /** Deletes one row with its links and leaves a tombstone (inside the caller's transaction); false when the namespace lacks it. */
  private deleteRow(namespace: string, id: string, seq: number): boolean {
    if (this.statements.deleteOne.run(namespace, id).changes === 0) return false;
    this.statements.insertTombstone.run(namespace, id, seq);
    this.statements.deleteLinksFrom.run(namespace, id);
    this.statements.deleteLinksTo.run(namespace, id);
    return true;
  }

  /** Rewrites one row in place, links kept (inside the caller's transaction); false when the namespace lacks it. */
  private replaceRow(memory: StoredMemory, seq: number): boolean {
    if (this.statements.deleteOne.run(memory.record.namespace, memory.record.id).changes === 0) return false;
    this.statements.insert.run(rowFromStored(memory, seq));
    return true;
  }

  private indexRemoved(namespace: string, ids: readonly string[]): void {
    const index = this.indexes.get(namespace)?.index;
    for (const id of ids) index?.remove(id);
  }

  async list(options: ListOptions): Promise<MemoryPage> {
    const condition = filterCondition(options.filter);
    const [afterTime, afterId] = parseCursor(options.after);
    const rows = this.guard(
      () =>
        this.database
          .prepare(
            `SELECT ${RECORD_COLUMNS}${options.withVectors ? ', vector' : ''} FROM memories WHERE namespace = ? AND (created_at, id) > (?, ?) AND ${condition.sql}
             ORDER BY created_at, id LIMIT ?`,
          )
          .all(options.namespace, afterTime, afterId, ...condition.params, options.limit + 1) as (RecordRow & {
          vector?: Buffer;
        })[],
    );
    const pageRows = rows.slice(0, options.limit);
    const records = pageRows.map(recordFromRow);
    const last = records.at(-1);
    const next = rows.length > options.limit && last ? `${last.createdAt.getTime()}:${last.id}` : null;
    return options.withVectors
      ? { records, vectors: pageRows.map((row) => vectorFromBlob(row.vector!)), next }
      : { records, next };
  }

  async count(namespace: string): Promise<number> {
    return this.guard(() => this.statements.count.get(namespace) as number);
  }

  async namespaces(): Promise<string[]> {
    return this.guard(() => this.statements.namespaces.all() as string[]);
  }

  async close(): Promise<void> {
    for (const { index } of this.indexes.values()) this.saveVectorGraph(index);
    this.db?.close();
    this.db = null;
    this.indexes.clear();
  }

  private get database(): Database.Database {
    if (!this.db) throw new StoreFailureError('The store is not open.');
    return this.db;
  }

  private prepare(db: Database.Database) {
    return {
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      embedderId: db.prepare("SELECT value FROM meta WHERE key = 'embedder_id'").pluck(),
      nextSeq: db
        .prepare(
          "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' RETURNING CAST(value AS INTEGER)",
        )
        .pluck(),
      insert: db.prepare(
        `INSERT INTO memories (${RECORD_COLUMNS}, terms, vector, seq) VALUES (@id, @namespace, @kind, @text, @summary, @created_at,
         @last_accessed_at, @access_count, @arousal, @valence, @utility, @joy, @aversion, @trauma, @crisis, @level, @archived_at,
         @metadata, @terms, @vector, @seq)`,
      ),
      // `+namespace` keeps the planner on the id index (a range of a few rows), not the namespace's rows.
      idsByPrefix: db
        .prepare('SELECT id FROM memories WHERE id >= ? AND id < ? AND +namespace = ? ORDER BY id LIMIT ?')
        .pluck(),
      getByIds: db.prepare(`SELECT ${RECORD_COLUMNS} FROM memories WHERE id IN (SELECT value FROM json_each(?))`),
      updateSignals: db.prepare(`UPDATE memories SET
          last_accessed_at = CASE WHEN @recalled_at IS NULL THEN last_accessed_at ELSE max(last_accessed_at, @recalled_at) END,
          access_count = access_count + (@recalled_at IS NOT NULL),
          ${['arousal', 'utility', 'joy', 'aversion', 'trauma'].map((column) => `${column} = ${nudgeSql(column, 0)}`).join(',\n')},
          valence = ${nudgeSql('valence', -1)}
        WHERE namespace = @namespace AND id = @id`),
      deleteOne: db.prepare('DELETE FROM memories WHERE namespace = ? AND id = ?'),
      namespaceOf: db.prepare('SELECT namespace FROM memories WHERE id = ?').pluck(),
      createdAtOf: db.prepare('SELECT created_at FROM memories WHERE namespace = ? AND id = ?').pluck(),
      insertTombstone: db.prepare('INSERT INTO tombstones (namespace, id, seq) VALUES (?, ?, ?)'),
      // A forgotten memory leaves no links behind (mentions targets are entity keys, not memory ids).
      deleteLinksFrom: db.prepare(
        "DELETE FROM links WHERE namespace = ? AND type IN ('mentions', 'child', 'supersedes') AND source = ?",
      ),
      deleteLinksTo: db.prepare(
        "DELETE FROM links WHERE namespace = ? AND type IN ('child', 'supersedes') AND target = ?",
      ),
      count: db.prepare('SELECT count(*) FROM memories WHERE namespace = ?').pluck(),
      namespaces: db.prepare('SELECT DISTINCT namespace FROM memories ORDER BY namespace').pluck(),
    };
  }

  /** The next change number; every structural write takes one inside its transaction. */
  private nextSeq(): number {
    // Inside the write's transaction: no write with this embedder lands after a reembed's switch.
    this.checkEmbedder();
    return this.statements.nextSeq.get() as number;
  }

  /** Throws when a reembed (another connection) has moved the file to another embedder since it was opened. */
  private checkEmbedder(): void {
    const current = this.guard(() => this.statements.embedderId.get() as string);
    if (current !== this.embedderId)
      throw new EmbedderMismatchError(
        `${this.options.path} was moved to embedder "${current}" by a reembed while this process had it open with "${this.embedderId}"; reopen it with the new embedder.`,
      );
  }

  /**
   * Loads a namespace's search index before its first search needs it, a slice of rows at a time
   * with the event loop free in between (about 20 ms a slice). A search that comes first finishes
   * the load itself; closing the store stops it.
   */
  async warm(namespace: string): Promise<void> {
    if (!this.db) throw new StoreFailureError('The store is not open.');
    const entry = this.entryFor(namespace);
    const loading = () => this.indexes.get(namespace) === entry && entry.generation === NOT_CAUGHT_UP;
    const rows = await this.count(namespace);
    // Room for the whole namespace at once, unless a search loaded it meanwhile.
    if (loading() && entry.index.size === 0) entry.index.reserve(rows);
    while (loading()) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!loading()) break;
      const end = this.guard(() => this.catchUp.sliceEnd(namespace, entry.index.caughtUpTo, WARM_SLICE_ROWS));
      // Past the last row: what is left (tombstones, rows written meanwhile) is one ordinary catch-up.
      if (end === null) this.indexFor(namespace);
      else this.guard(() => this.catchUp.run(namespace, entry.index, end));
    }
    // The graph too (adopted from disk, or built), so the first vector query waits for neither.
    if (this.indexes.get(namespace) === entry) entry.index.prepareVectors();
  }

  /**
   * Keeps a namespace's vector graph for the next open. It is a cache of SQLite's vectors: a save
   * that fails (full disk, read-only directory) costs the next open a rebuild, not a write.
   */
  private saveVectorGraph(index: NamespaceIndex): void {
    try {
      index.saveVectors();
    } catch {
      // Deliberately not fatal: see above.
    }
  }

  private entryFor(namespace: string): { index: NamespaceIndex; generation: number } {
    let entry = this.indexes.get(namespace);
    if (!entry) {
      const onEvent = this.options.onVectorGraph;
      const index = new NamespaceIndex(this.dimensions, {
        vectorIndex: this.vectorIndex,
        ...(this.graphs ? { graphFile: this.graphs.forNamespace(namespace) } : {}),
        ...(onEvent ? { onGraphEvent: (event: VectorGraphEvent) => onEvent(namespace, event) } : {}),
      });
      entry = { index, generation: NOT_CAUGHT_UP };
      this.indexes.set(namespace, entry);
    }
    return entry;
  }

  /** The namespace's index, loaded on first use and caught up with other connections' commits. */
  private indexFor(namespace: string): NamespaceIndex {
    const version = this.guard(() => this.statements.dataVersion.get() as number);
    if (version !== this.dataVersion) {
      this.checkEmbedder();
      this.dataVersion = version;
      this.generation++;
    }
    const entry = this.entryFor(namespace);
    if (entry.generation !== this.generation) {
      this.guard(() => this.catchUp.run(namespace, entry.index));
      entry.generation = this.generation;
    }
    return entry.index;
  }

  private idsMatching(namespace: string, filter: MemoryFilter): Set<string> {
    const condition = filterCondition(filter);
    return new Set(
      this.guard(
        () =>
          this.database
            .prepare(`SELECT id FROM memories WHERE namespace = ? AND ${condition.sql}`)
            .pluck()
            .all(namespace, ...condition.params) as string[],
      ),
    );
  }

  /** Runs a database step, turning driver errors into typed Resonant errors. */
  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (ResonantError.isInstance(error)) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT'))
        throw new InvalidInputError(`The store rejected the write: ${(error as Error).message}`, [], { cause: error });
      throw new StoreFailureError(`SQLite failed on ${this.options.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** The SQL that nudges a column toward a target, clamped to [low, 1]; absent nudge keeps the value. */
function nudgeSql(column: string, low: number): string {
  return `CASE WHEN @${column}_rate IS NULL THEN ${column}
    ELSE min(1, max(${low}, ${column} + @${column}_rate * (@${column}_target - ${column}))) END`;
}

function nudgeParams(
  column: string,
  nudge: { target: number; rate: number } | undefined,
): Record<string, number | null> {
  return { [`${column}_rate`]: nudge?.rate ?? null, [`${column}_target`]: nudge?.target ?? null };
}

function parseCursor(cursor: string | null | undefined): [number, string] {
  if (!cursor) return [-Infinity, ''];
  const separator = cursor.indexOf(':');
  const time = Number(cursor.slice(0, separator));
  if (separator < 0 || !Number.isFinite(time))
    throw new InvalidInputError(`Invalid page cursor: ${cursor}`, [
      { path: 'after', message: 'not a cursor from list()' },
    ]);
  return [time, cursor.slice(separator + 1)];
}
