import { EmbedderMismatchError } from '../../errors/embedder-mismatch-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { StoreFailureError } from '../../errors/store-failure-error.js';
import type { MemoryRecord } from '../../records/memory-record.js';
import { applySignalUpdates, SIGNAL_PAYLOAD_FIELDS, type SignalPayload } from '../apply-signal-updates.js';
import { scoreDocuments } from '../bm25.js';
import { checkStoredMemories } from '../check-stored-memories.js';
import { exactInnerProduct } from '../index/exact-vector-index.js';
import { matchesFilter } from '../matches-filter.js';
import type {
  LexicalCandidate,
  LexicalQuery,
  ListOptions,
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
import { columnsFromRecord, recordFromColumns } from '../record-columns.js';

/**
 * The reference store: the whole contract in plain loops over a few Maps, in process, gone when
 * the process ends. Every query is a full scan (BM25 statistics recomputed each time), so it is
 * for tests and small throwaway memories, and for checking that the indexed stores rank alike:
 * it scores through the same arithmetic (`bm25.ts`, `exactInnerProduct`) and so must give the
 * same candidates, to the bit, as any store that passes the conformance suite.
 */
export class InMemoryStore implements MemoryStore {
  readonly capabilities = Object.freeze({ crossProcess: false, persistent: false });
  private readonly memories = new Map<string, StoredMemory>();
  private opened: StoreOpenContext | null = null;
  private isOpen = false;

  async open(context: StoreOpenContext): Promise<void> {
    if (
      this.opened &&
      (this.opened.embedderId !== context.embedderId || this.opened.dimensions !== context.dimensions)
    ) {
      throw new EmbedderMismatchError(
        `This in-memory store holds vectors of embedder "${this.opened.embedderId}" (${this.opened.dimensions} dimensions), not "${context.embedderId}" (${context.dimensions}).`,
      );
    }
    this.opened = { ...context };
    this.isOpen = true;
  }

  async insert(memories: readonly StoredMemory[]): Promise<void> {
    this.check(memories);
    const taken = memories.find((memory) => this.memories.has(memory.record.id));
    if (taken)
      throw new InvalidInputError(`Memory id "${taken.record.id}" exists already; nothing was written.`, [
        { path: 'id', message: 'id exists already' },
      ]);
    for (const memory of memories) this.memories.set(memory.record.id, copyOf(memory));
  }

  async upsert(memories: readonly StoredMemory[]): Promise<void> {
    this.check(memories);
    const taken = memories.find((memory) => {
      const owner = this.memories.get(memory.record.id)?.record.namespace;
      return owner !== undefined && owner !== memory.record.namespace;
    });
    if (taken)
      throw new InvalidInputError(`Memory id "${taken.record.id}" belongs to another namespace; nothing was written.`, [
        { path: 'id', message: 'id taken by another namespace' },
      ]);
    for (const memory of memories) this.memories.set(memory.record.id, copyOf(memory));
  }

  async get(ids: readonly string[]): Promise<MemoryRecord[]> {
    this.requireOpen();
    return ids.flatMap((id) => {
      const memory = this.memories.get(id);
      return memory ? [structuredClone(memory.record)] : [];
    });
  }

  async lexicalCandidates(query: LexicalQuery): Promise<LexicalCandidate[]> {
    const all = this.inNamespace(query.namespace);
    const documentFrequencies = new Map<string, number>();
    for (const memory of all)
      for (const term of new Set(memory.terms))
        if (query.terms.has(term)) documentFrequencies.set(term, (documentFrequencies.get(term) ?? 0) + 1);
    const statistics = {
      documentCount: all.length,
      totalLength: all.reduce((sum, memory) => sum + memory.terms.length, 0),
    };
    const documents = all
      .filter((memory) => matchesFilter(memory.record, query.filter))
      .map((memory) => ({ ...factsOf(memory.record), terms: memory.terms }));
    return scoreDocuments(documents, query, statistics, documentFrequencies);
  }

  async vectorCandidates(query: VectorQuery): Promise<VectorCandidate[]> {
    const scored = this.inNamespace(query.namespace)
      .filter((memory) => matchesFilter(memory.record, query.filter))
      .map((memory) => ({ id: memory.record.id, similarity: exactInnerProduct(query.vector, memory.vector) }))
      .filter((candidate) => candidate.similarity > 0);
    return bestFirst(scored, (candidate) => candidate.similarity).slice(0, Math.max(0, query.limit));
  }

  async neighbours(query: NeighbourQuery): Promise<Neighbours[]> {
    const timeline = this.inNamespace(query.namespace)
      .map((memory) => ({ ...factsOf(memory.record), allowed: matchesFilter(memory.record, query.filter) }))
      .sort((a, b) => a.createdAt - b.createdAt || compareStrings(a.id, b.id));
    const entry = ({ id, kind, createdAt, archived }: TimelineEntry): TimelineEntry => ({
      id,
      kind,
      createdAt,
      archived,
    });
    return query.ids.map((id) => {
      const at = timeline.findIndex((item) => item.id === id);
      if (at < 0 || query.radius < 1) return { id, before: [], after: [] };
      const before = timeline
        .slice(0, at)
        .reverse()
        .filter((item) => item.allowed)
        .slice(0, query.radius)
        .map(entry);
      const after = timeline
        .slice(at + 1)
        .filter((item) => item.allowed)
        .slice(0, query.radius)
        .map(entry);
      return { id, before, after };
    });
  }

  async update(namespace: string, updates: readonly SignalUpdate[]): Promise<string[]> {
    this.requireOpen();
    const updated: string[] = [];
    for (const update of updates) {
      const memory = this.memories.get(update.id);
      if (!memory || memory.record.namespace !== namespace) continue;
      const columns = columnsFromRecord(memory.record);
      const before = Object.fromEntries(SIGNAL_PAYLOAD_FIELDS.map((field) => [field, columns[field]])) as SignalPayload;
      const record = recordFromColumns({ ...columns, ...applySignalUpdates(before, [update]) });
      this.memories.set(update.id, { ...memory, record });
      updated.push(update.id);
    }
    return updated;
  }

  async delete(namespace: string, ids: readonly string[]): Promise<string[]> {
    this.requireOpen();
    const deleted: string[] = [];
    for (const id of new Set(ids)) {
      if (this.memories.get(id)?.record.namespace !== namespace) continue;
      this.memories.delete(id);
      deleted.push(id);
    }
    return deleted;
  }

  async list(options: ListOptions): Promise<MemoryPage> {
    const [afterTime, afterId] = parseCursor(options.after);
    const sorted = this.inNamespace(options.namespace)
      .filter((memory) => matchesFilter(memory.record, options.filter))
      .sort(
        (a, b) => a.record.createdAt.getTime() - b.record.createdAt.getTime() || compareIds(a.record.id, b.record.id),
      )
      .filter(
        (memory) =>
          memory.record.createdAt.getTime() > afterTime ||
          (memory.record.createdAt.getTime() === afterTime && compareIds(memory.record.id, afterId) > 0),
      );
    const page = sorted.slice(0, options.limit);
    const records = page.map((memory) => structuredClone(memory.record));
    const last = records.at(-1);
    const next = sorted.length > options.limit && last ? `${last.createdAt.getTime()}:${last.id}` : null;
    return options.withVectors
      ? { records, vectors: page.map((memory) => Float32Array.from(memory.vector)), next }
      : { records, next };
  }

  async count(namespace: string): Promise<number> {
    return this.inNamespace(namespace).length;
  }

  async namespaces(): Promise<string[]> {
    this.requireOpen();
    return [...new Set([...this.memories.values()].map((memory) => memory.record.namespace))].sort(compareIds);
  }

  async idsByPrefix(namespace: string, prefixes: readonly string[], limit: number): Promise<Map<string, string[]>> {
    const ids = this.inNamespace(namespace)
      .map((memory) => memory.record.id)
      .sort(compareIds);
    return new Map(prefixes.map((prefix) => [prefix, ids.filter((id) => id.startsWith(prefix)).slice(0, limit)]));
  }

  async close(): Promise<void> {
    this.isOpen = false;
  }

  private inNamespace(namespace: string): StoredMemory[] {
    this.requireOpen();
    return [...this.memories.values()].filter((memory) => memory.record.namespace === namespace);
  }

  private check(memories: readonly StoredMemory[]): void {
    this.requireOpen();
    checkStoredMemories(memories, this.opened!.dimensions);
  }

  private requireOpen(): void {
    if (!this.isOpen) throw new StoreFailureError('The store is not open.');
  }
}

function factsOf(record: MemoryRecord): TimelineEntry {
  return {
    id: record.id,
    kind: record.kind,
    createdAt: record.createdAt.getTime(),
    archived: record.archivedAt !== null,
  };
}

function copyOf(memory: StoredMemory): StoredMemory {
  return { record: structuredClone(memory.record), vector: Float32Array.from(memory.vector), terms: [...memory.terms] };
}

/** Best first by `score`, ties by id. */
function bestFirst<T extends { id: string }>(items: T[], score: (item: T) => number): T[] {
  return items.sort((a, b) => score(b) - score(a) || compareStrings(a.id, b.id));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders ids as SQLite's BINARY collation does (UTF-8 bytes), so listings page alike on every store. */
function compareIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function parseCursor(cursor: string | null | undefined): [number, string] {
  if (!cursor) return [Number.NEGATIVE_INFINITY, ''];
  const separator = cursor.indexOf(':');
  const time = Number(cursor.slice(0, separator));
  if (separator < 0 || !Number.isFinite(time))
    throw new InvalidInputError(`Invalid page cursor: ${cursor}`, [
      { path: 'after', message: 'not a cursor from list()' },
    ]);
  return [time, cursor.slice(separator + 1)];
}
