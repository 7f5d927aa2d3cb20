import type Database from 'better-sqlite3';
import type { NamespaceIndex } from '../index/namespace-index.js';
import type {
  AdjacentMemories,
  EntityNode,
  GraphChange,
  GraphExpectation,
  LinkType,
  MemoryFilter,
  MemoryGraph,
  MemoryLink,
  StoredMemory,
} from '../memory-store.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { WriteConflictError } from '../../errors/write-conflict-error.js';
import { filterCondition } from './filter-condition.js';
import { RECORD_COLUMNS, recordFromRow, termsFromColumn, vectorFromBlob, type RecordRow } from './record-row.js';
import type { EntityPage, GraphPageOptions, LinkPage } from '../memory-store.js';

/** What the graph needs from its `SqliteStore`: the connection, its change counter and its indexes. Internal. */
export interface SqliteGraphHost {
  /** The open connection; throws `StoreFailureError` when closed. */
  database(): Database.Database;
  /** Runs a database step, turning driver errors into typed errors. */
  guard<T>(step: () => T): T;
  /** Advances the change counter (inside the caller's transaction) and returns the new value. */
  nextSeq(): number;
  /** Throws `InvalidInputError` for memories the store cannot take (wrong vector length, non-finite values). */
  checkMemories(memories: readonly StoredMemory[]): void;
  /** Inserts one stored memory row with this change number (inside the caller's transaction). */
  insertRow(memory: StoredMemory, seq: number): void;
  /** Rewrites a row of the memory's namespace in place, links kept (inside the caller's transaction); false when the namespace lacks it. */
  replaceRow(memory: StoredMemory, seq: number): boolean;
  /** Deletes a row with its links and leaves a tombstone, as `delete` does (inside the caller's transaction); false when the namespace lacks it. */
  deleteRow(namespace: string, id: string, seq: number): boolean;
  /** Puts memories this connection wrote into its loaded indexes. */
  indexWritten(memories: readonly StoredMemory[], seq: number): void;
  /** Takes memories this connection deleted out of its loaded index. */
  indexRemoved(namespace: string, ids: readonly string[]): void;
  /** The namespace's in-process index if it is loaded, so own writes show at once. */
  loadedIndex(namespace: string): NamespaceIndex | undefined;
}

interface EntityRow {
  key: string;
  name: string;
  merged_into: string | null;
  mention_count: number;
}

/** The SQLite implementation of the optional {@link MemoryGraph} capability (tables `links`, `entities`). */
export class SqliteGraph implements MemoryGraph {
  private statements: ReturnType<typeof prepareGraphStatements> | null = null;
  private preparedFor: Database.Database | null = null;
  private readonly bySql = new Map<string, Database.Statement>();

  constructor(private readonly host: SqliteGraphHost) {}

  async write(namespace: string, change: GraphChange): Promise<void> {
    const archiveAt = change.archive?.at.getTime();
    const written = [...(change.insert ?? []), ...(change.insertIfAbsent ?? []), ...(change.replace ?? [])];
    const foreign = written.find((memory) => memory.record.namespace !== namespace);
    if (foreign)
      throw new InvalidInputError(`Memory ${foreign.record.id} belongs to another namespace than the graph write.`, [
        { path: 'insert', message: 'namespace mismatch' },
      ]);
    this.host.checkMemories(written);
    const { inserted, deleted, archived, seq } = this.host.guard(() => {
      const statements = this.prepared();
      return this.host
        .database()
        .transaction(() => {
          if (change.expect) this.check(namespace, change.expect);
          const inserted: StoredMemory[] = [];
          const deleted: string[] = [];
          const archived: string[] = [];
          const fresh = (change.insertIfAbsent ?? []).filter(
            (memory) => statements.exists.get(memory.record.id) === undefined,
          );
          const toInsert = [...(change.insert ?? []), ...fresh];
          const structural =
            toInsert.length > 0 ||
            [change.archive?.ids, change.delete, change.replace].some((list) => (list?.length ?? 0) > 0);
          const seq = structural ? this.host.nextSeq() : 0;
          for (const id of new Set(change.delete ?? [])) if (this.host.deleteRow(namespace, id, seq)) deleted.push(id);
          for (const memory of toInsert) {
            this.host.insertRow(memory, seq);
            inserted.push(memory);
          }
          for (const memory of change.replace ?? []) {
            if (!this.host.replaceRow(memory, seq))
              throw new InvalidInputError(
                `No memory ${memory.record.id} in namespace ${namespace} to replace; nothing was written.`,
                [{ path: 'replace', message: 'not found' }],
              );
            inserted.push(memory);
          }
          for (const entity of change.entities ?? []) {
            statements.insertEntity.run(namespace, entity.key, entity.name);
            if (entity.mergedInto !== undefined)
              statements.setMergedInto.run(
                entity.mergedInto === entity.key ? null : entity.mergedInto,
                namespace,
                entity.key,
              );
          }
          if (change.unlink)
            for (const from of new Set(change.unlink.from)) statements.unlink.run(namespace, change.unlink.type, from);
          for (const link of change.link ?? []) statements.link.run(namespace, link.type, link.from, link.to);
          if (change.archive && archiveAt !== undefined) {
            for (const id of new Set(change.archive.ids))
              if (statements.archive.run(archiveAt, seq, namespace, id).changes > 0) archived.push(id);
          }
          for (const key of new Set(change.pruneEntities ?? [])) statements.pruneEntity.run({ namespace, key });
          return { inserted, deleted, archived, seq };
        })
        .immediate();
    });
    this.host.indexRemoved(namespace, deleted);
    this.host.indexWritten(inserted, seq);
    const index = this.host.loadedIndex(namespace);
    for (const id of archived) index?.setArchived(id, true);
  }

  /** Throws `WriteConflictError` when what the change was planned on has changed (inside the write transaction). */
  private check(namespace: string, expect: GraphExpectation): void {
    const statements = this.prepared();
    for (const memory of expect.memories ?? []) {
      const row = statements.textOf.get(namespace, memory.id) as { text: string; summary: string | null } | undefined;
      if (row?.text !== memory.text || row.summary !== memory.summary)
        throw new WriteConflictError(
          `Memory ${memory.id} changed or went away since the write was planned; nothing was written.`,
        );
    }
    if (expect.childLinks) {
      const around = JSON.stringify([...new Set(expect.childLinks.around)]);
      const rows = statements.childLinksAround.all({ namespace, around }) as { source: string; target: string }[];
      const current = new Set(rows.map((row) => `${row.source}\n${row.target}`));
      const expected = new Set(
        expect.childLinks.links.filter((link) => link.type === 'child').map((link) => `${link.from}\n${link.to}`),
      );
      if (current.size !== expected.size || [...expected].some((link) => !current.has(link))) {
        throw new WriteConflictError('The summary chain changed since the write was planned; nothing was written.');
      }
    }
  }

  async links(
    namespace: string,
    query: { readonly ids: readonly string[]; readonly direction: 'out' | 'in'; readonly type: LinkType },
  ): Promise<MemoryLink[]> {
    if (query.ids.length === 0) return [];
    return this.host.guard(() => {
      const statements = this.prepared();
      const statement = query.direction === 'out' ? statements.linksOut : statements.linksIn;
      const rows = statement.all(namespace, query.type, JSON.stringify([...new Set(query.ids)])) as {
        source: string;
        target: string;
      }[];
      return rows.map((row) => ({ type: query.type, from: row.source, to: row.target }));
    });
  }

  async entities(namespace: string, keys?: readonly string[]): Promise<EntityNode[]> {
    if (keys !== undefined && keys.length === 0) return [];
    return this.host.guard(() => {
      const statements = this.prepared();
      const rows = (
        keys === undefined
          ? statements.allEntities.all(namespace)
          : statements.someEntities.all(namespace, JSON.stringify([...new Set(keys)]))
      ) as EntityRow[];
      return rows.map(entityFromRow);
    });
  }

  async adjacent(
    namespace: string,
    ids: readonly string[],
    options: { readonly radius: number; readonly filter?: MemoryFilter },
  ): Promise<AdjacentMemories[]> {
    if (ids.length === 0 || options.radius < 1) return ids.map((id) => ({ id, before: [], after: [] }));
    const condition = filterCondition(options.filter);
    return this.host.guard(() => {
      const db = this.host.database();
      const position = this.prepared().createdAt;
      const before = this.cached(
        `SELECT id FROM memories WHERE namespace = ? AND (created_at, id) < (?, ?) AND ${condition.sql} ORDER BY created_at DESC, id DESC LIMIT ?`,
      );
      const after = this.cached(
        `SELECT id FROM memories WHERE namespace = ? AND (created_at, id) > (?, ?) AND ${condition.sql} ORDER BY created_at, id LIMIT ?`,
      );
      return db.transaction(() =>
        ids.map((id): AdjacentMemories => {
          const createdAt = position.get(namespace, id) as number | undefined;
          if (createdAt === undefined) return { id, before: [], after: [] };
          const params = [namespace, createdAt, id, ...condition.params, options.radius];
          return { id, before: before.all(...params) as string[], after: after.all(...params) as string[] };
        }),
      )();
    });
  }

  async createdBetween(
    namespace: string,
    options: { readonly from: Date; readonly to: Date; readonly limit: number; readonly filter?: MemoryFilter },
  ): Promise<StoredMemory[]> {
    const condition = filterCondition(options.filter);
    const rows = this.host.guard(
      () =>
        this.host
          .database()
          .prepare(
            `SELECT ${RECORD_COLUMNS}, terms, vector FROM memories WHERE namespace = ? AND created_at BETWEEN ? AND ? AND ${condition.sql}
             ORDER BY created_at DESC, id DESC LIMIT ?`,
          )
          .all(
            namespace,
            options.from.getTime(),
            options.to.getTime(),
            ...condition.params,
            options.limit,
          ) as (RecordRow & { terms: string; vector: Buffer })[],
    );
    return rows.map((row) => ({
      record: recordFromRow(row),
      vector: vectorFromBlob(row.vector),
      terms: termsFromColumn(row.terms),
    }));
  }

  async listLinks(namespace: string, options: GraphPageOptions): Promise<LinkPage> {
    const [type, source, target] = parseLinkCursor(options.after);
    const rows = this.host.guard(
      () =>
        this.prepared().linkPage.all(namespace, type, source, target, options.limit + 1) as {
          type: LinkType;
          source: string;
          target: string;
        }[],
    );
    const links = rows
      .slice(0, options.limit)
      .map((row): MemoryLink => ({ type: row.type, from: row.source, to: row.target }));
    const last = links.at(-1);
    return {
      links,
      next: rows.length > options.limit && last ? JSON.stringify([last.type, last.from, last.to]) : null,
    };
  }

  async listEntities(namespace: string, options: GraphPageOptions): Promise<EntityPage> {
    const rows = this.host.guard(
      () => this.prepared().entityPage.all(namespace, options.after ?? '', options.limit + 1) as EntityRow[],
    );
    const entities = rows.slice(0, options.limit).map(entityFromRow);
    return { entities, next: rows.length > options.limit ? entities.at(-1)!.key : null };
  }

  /** Statements for the current connection (the store may be reopened). */
  private prepared(): ReturnType<typeof prepareGraphStatements> {
    const db = this.host.database();
    if (this.statements === null || this.preparedFor !== db) {
      this.statements = prepareGraphStatements(db);
      this.preparedFor = db;
      this.bySql.clear();
    }
    return this.statements;
  }

  /** A plucking statement for SQL built from a filter, prepared once per connection (few distinct filters occur). */
  private cached(sql: string): Database.Statement {
    this.prepared();
    let statement = this.bySql.get(sql);
    if (!statement) {
      if (this.bySql.size >= 64) this.bySql.clear();
      statement = this.host.database().prepare(sql).pluck();
      this.bySql.set(sql, statement);
    }
    return statement;
  }
}

function prepareGraphStatements(db: Database.Database) {
  const entityColumns = `key, name, merged_into,
    (SELECT count(*) FROM links WHERE links.namespace = entities.namespace AND links.type = 'mentions' AND links.target = entities.key) AS mention_count`;
  return {
    exists: db.prepare('SELECT 1 FROM memories WHERE id = ?'),
    createdAt: db.prepare('SELECT created_at FROM memories WHERE namespace = ? AND id = ?').pluck(),
    insertEntity: db.prepare('INSERT OR IGNORE INTO entities (namespace, key, name) VALUES (?, ?, ?)'),
    setMergedInto: db.prepare('UPDATE entities SET merged_into = ? WHERE namespace = ? AND key = ?'),
    unlink: db.prepare('DELETE FROM links WHERE namespace = ? AND type = ? AND source = ?'),
    link: db.prepare('INSERT OR IGNORE INTO links (namespace, type, source, target) VALUES (?, ?, ?, ?)'),
    archive: db.prepare(
      'UPDATE memories SET archived_at = ?, seq = ? WHERE namespace = ? AND id = ? AND archived_at IS NULL',
    ),
    // An alias (merged_into set) or a merge target is kept: it records a rename, not a mention.
    pruneEntity: db.prepare(`DELETE FROM entities WHERE namespace = @namespace AND key = @key AND merged_into IS NULL
      AND NOT EXISTS (SELECT 1 FROM links WHERE namespace = @namespace AND type = 'mentions' AND target = @key)
      AND NOT EXISTS (SELECT 1 FROM entities AS alias WHERE alias.namespace = @namespace AND alias.merged_into = @key)`),
    textOf: db.prepare('SELECT text, summary FROM memories WHERE namespace = ? AND id = ?'),
    childLinksAround: db.prepare(`SELECT source, target FROM links WHERE namespace = @namespace AND type = 'child'
      AND (source IN (SELECT value FROM json_each(@around)) OR target IN (SELECT value FROM json_each(@around)))`),
    linksOut: db.prepare(
      'SELECT source, target FROM links WHERE namespace = ? AND type = ? AND source IN (SELECT value FROM json_each(?)) ORDER BY source, target',
    ),
    linksIn: db.prepare(
      'SELECT source, target FROM links WHERE namespace = ? AND type = ? AND target IN (SELECT value FROM json_each(?)) ORDER BY target, source',
    ),
    allEntities: db.prepare(`SELECT ${entityColumns} FROM entities WHERE namespace = ? ORDER BY key`),
    someEntities: db.prepare(
      `SELECT ${entityColumns} FROM entities WHERE namespace = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY key`,
    ),
    // Paged listings for export walk the primary keys: (namespace, type, source, target) and (namespace, key).
    linkPage: db.prepare(
      'SELECT type, source, target FROM links WHERE namespace = ? AND (type, source, target) > (?, ?, ?) ORDER BY type, source, target LIMIT ?',
    ),
    entityPage: db.prepare(
      `SELECT ${entityColumns} FROM entities WHERE namespace = ? AND key > ? ORDER BY key LIMIT ?`,
    ),
  };
}

function entityFromRow(row: EntityRow): EntityNode {
  return { key: row.key, name: row.name, mergedInto: row.merged_into, mentionCount: row.mention_count };
}

/** A `listLinks` cursor is the last link of the previous page as JSON `[type, from, to]`; absent starts before every link. */
function parseLinkCursor(cursor: string | null | undefined): [string, string, string] {
  if (!cursor) return ['', '', ''];
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidInputError(`Invalid link page cursor: ${cursor}`, [
      { path: 'after', message: 'not a cursor from listLinks()' },
    ]);
  }
  return parsed as [string, string, string];
}
