import type Database from 'better-sqlite3';
import type { MemoryKind } from '../../records/memory-kind.js';
import type { IndexEntry, NamespaceIndex } from '../index/namespace-index.js';
import { vectorViewOfBlob } from './record-row.js';

interface IndexRow {
  id: string;
  kind: MemoryKind;
  archived_at: number | null;
  created_at: number;
  terms: string;
  vector: Buffer;
  seq: number;
}

/** One page of rows folded into a single result row: JSON arrays, and the vectors' bytes end to end. */
interface PageRow {
  count: number;
  ids: string;
  kinds: string;
  archived: string;
  createdAts: string;
  seqs: string;
  rowids: string;
  terms: string;
  vectors: Buffer | null;
}

/** Rows read and handed to the index at a time. */
const PAGE_ROWS = 2048;

/** The rows a catch-up reads, in change order (the order the index assigns slots in). */
const CHANGED_ROWS =
  'SELECT rowid, id, kind, archived_at, created_at, terms, vector, seq FROM memories WHERE namespace = ? AND seq > ? AND seq <= ? ORDER BY seq, rowid';

/**
 * Brings a namespace's in-process index up to date with the `memories` and `tombstones` tables:
 * every row and tombstone with a change number above `index.caughtUpTo`, read in one snapshot.
 * A first load is a catch-up from 0. Bounded by `upTo`, it reads only changes up to that number,
 * which is a consistent state too (every structural write takes a new, higher number), so a large
 * namespace can load in slices between other work and finish with an unbounded catch-up.
 */
export class IndexCatchUp {
  private readonly statements;
  /** Pages come folded into one row (far fewer values to convert) where the file's text encoding passes blob bytes through unchanged. */
  private readonly folded: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly dimensions: number,
  ) {
    this.folded = db.pragma('encoding', { simple: true }) === 'UTF-8';
    this.statements = {
      rows: db.prepare(CHANGED_ROWS),
      // group_concat appends each value by its byte length, so a blob's bytes (NULs included) pass
      // into the text it builds, and the cast takes them back as a blob. SQLite calls text with
      // embedded NULs undefined territory, so a page whose length or order does not add up is
      // read again row by row.
      page: db.prepare(
        `SELECT count(*) AS count, json_group_array(id) AS ids, json_group_array(kind) AS kinds, json_group_array(archived_at IS NOT NULL) AS archived,
           json_group_array(created_at) AS createdAts, json_group_array(seq) AS seqs, json_group_array(rowid) AS rowids, json_group_array(terms) AS terms,
           CAST(group_concat(vector, '') AS BLOB) AS vectors
         FROM (${CHANGED_ROWS})`,
      ),
      countRows: db.prepare('SELECT count(*) FROM memories WHERE namespace = ? AND seq > ? AND seq <= ?').pluck(),
      tombstones: db.prepare('SELECT id, seq FROM tombstones WHERE namespace = ? AND seq > ? AND seq <= ?'),
      currentSeq: db.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'seq'").pluck(),
      // The change number `rows` rows further on (or the last one): where a page of that size ends.
      pageEnd: db
        .prepare('SELECT max(seq) FROM (SELECT seq FROM memories WHERE namespace = ? AND seq > ? ORDER BY seq LIMIT ?)')
        .pluck(),
    };
  }

  /** Applies the changes after `index.caughtUpTo`, up to `upTo` (default: all), and advances `caughtUpTo`. */
  run(namespace: string, index: NamespaceIndex, upTo = Infinity): void {
    // One read transaction: the rows, the tombstones and the sequence come from one snapshot.
    this.db.transaction(() => {
      const since = index.caughtUpTo;
      const until = Math.min(upTo, this.statements.currentSeq.get() as number);
      if (until <= since) return;
      index.reserve(this.statements.countRows.get(namespace, since, until) as number);
      // Pages end between change numbers (rows written together share one), so a page may hold more rows.
      for (let from = since; from < until; ) {
        const to = Math.min(until, this.sliceEnd(namespace, from, PAGE_ROWS) ?? until);
        index.upsertMany(this.readPage(namespace, from, to));
        from = to;
      }
      for (const row of this.statements.tombstones.all(namespace, since, until) as { id: string; seq: number }[])
        index.remove(row.id, row.seq);
      index.caughtUpTo = until;
    })();
  }

  /**
   * Where a slice of about `rows` rows after change number `after` ends (a change number), or
   * null when no row is left. Rows written together share a number, so a slice may hold more.
   */
  sliceEnd(namespace: string, after: number, rows: number): number | null {
    return (this.statements.pageEnd.get(namespace, after, rows) as number | null) ?? null;
  }

  private readPage(namespace: string, from: number, to: number): IndexEntry[] {
    if (this.folded) {
      const entries = this.readFoldedPage(namespace, from, to);
      if (entries) return entries;
    }
    return (this.statements.rows.all(namespace, from, to) as IndexRow[]).map((row) => ({
      id: row.id,
      kind: row.kind,
      archived: row.archived_at !== null,
      terms: row.terms,
      vector: vectorViewOfBlob(row.vector),
      createdAt: row.created_at,
      seq: row.seq,
    }));
  }

  /** The page from one folded row, or null if it does not add up (then the caller reads it row by row). */
  private readFoldedPage(namespace: string, from: number, to: number): IndexEntry[] | null {
    const page = this.statements.page.get(namespace, from, to) as PageRow;
    if (page.count === 0) return [];
    const vectorBytes = this.dimensions * 4;
    if (
      page.vectors === null ||
      page.vectors.byteLength !== page.count * vectorBytes ||
      page.vectors.byteOffset % 4 !== 0
    )
      return null;
    const ids = JSON.parse(page.ids) as string[];
    const kinds = JSON.parse(page.kinds) as MemoryKind[];
    const archived = JSON.parse(page.archived) as number[];
    const createdAts = JSON.parse(page.createdAts) as number[];
    const seqs = JSON.parse(page.seqs) as number[];
    const rowids = JSON.parse(page.rowids) as number[];
    const terms = JSON.parse(page.terms) as string[];
    // Slots are given in change order, as row by row; a page folded in another order is read again row by row.
    for (let i = 1; i < page.count; i++)
      if (seqs[i - 1]! > seqs[i]! || (seqs[i - 1] === seqs[i] && rowids[i - 1]! >= rowids[i]!)) return null;
    const vectors = new Float32Array(page.vectors.buffer, page.vectors.byteOffset, page.count * this.dimensions);
    const entries: IndexEntry[] = [];
    for (let i = 0; i < page.count; i++) {
      entries.push({
        id: ids[i]!,
        kind: kinds[i]!,
        archived: archived[i] === 1,
        terms: terms[i]!,
        vector: vectors.subarray(i * this.dimensions, (i + 1) * this.dimensions),
        createdAt: createdAts[i]!,
        seq: seqs[i]!,
      });
    }
    return entries;
  }
}
