import type { MemoryKind } from '../records/memory-kind.js';
import type { JsonValue } from '../records/json-value.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { EmotionScores } from '../records/emotion-scores.js';
import type { FeedbackLogStore } from './feedback-log-store.js';
import type { PersonaStateStore } from './persona-state-store.js';

/** A record with what the coarse stage needs to find it again. */
export interface StoredMemory {
  readonly record: MemoryRecord;
  /** The record's embedding, `dimensions` long, unit length for the default embedder. */
  readonly vector: Float32Array;
  /** Search terms from `tokenizeForSearch(record.text)`, in order, with repeats. */
  readonly terms: readonly string[];
}

/** A half-open span of creation times: `from` inclusive, `to` exclusive. */
export interface CreatedWithin {
  readonly from: Date;
  readonly to: Date;
}

/** Which memories a candidate query or listing may return, besides the namespace wall. */
export interface MemoryFilter {
  readonly kinds?: readonly MemoryKind[];
  /** Exact match on each key of the metadata (primitives, or identical JSON for arrays and objects). */
  readonly metadata?: Readonly<Record<string, JsonValue>>;
  /** Archived memories (consolidated away) are left out unless this is true. */
  readonly includeArchived?: boolean;
  /** Only memories created within one of these spans (the dates a query names). */
  readonly createdWithin?: readonly CreatedWithin[];
  /** Only memories with these ids. */
  readonly ids?: readonly string[];
}

/** BM25 term-frequency saturation (`k1`) and length normalisation (`b`). */
export interface Bm25Parameters {
  readonly k1: number;
  readonly b: number;
}

/**
 * A lexical question: Okapi BM25 over the given terms. Document statistics (count, average
 * length, document frequencies) are the namespace's own, over all of its memories (archived and
 * filtered-out ones included), so one namespace's text never shifts another's scores.
 */
export interface LexicalQuery {
  readonly namespace: string;
  /**
   * Each term with its weight: how often the query holds it, or less for a term recall added. A
   * document scores the sum, in this order, of weight x idf x saturated term frequency.
   */
  readonly terms: ReadonlyMap<string, number>;
  readonly bm25: Bm25Parameters;
  readonly limit: number;
  readonly filter?: MemoryFilter;
}

/** What recall may need to know of a candidate without reading it: where it sits in time and what a kind or archive filter says of it. */
export interface CandidateFacts {
  readonly id: string;
  readonly kind: MemoryKind;
  /** Creation time, ms since the epoch (recall places the memory among its neighbours with it). */
  readonly createdAt: number;
  readonly archived: boolean;
}

/** One lexical candidate: a memory that holds at least one query term, with its BM25 score. */
export interface LexicalCandidate extends CandidateFacts {
  /** BM25, above 0. */
  readonly score: number;
}

/** A vector question: the memories whose vectors have the largest inner product with `vector`. */
export interface VectorQuery {
  readonly namespace: string;
  readonly vector: Float32Array;
  readonly limit: number;
  readonly filter?: MemoryFilter;
}

/** One vector candidate: a memory and the inner product of its vector with the query's (cosine for unit vectors). */
export interface VectorCandidate {
  readonly id: string;
  /** Above 0: a vector sharing nothing with the query is not a candidate. */
  readonly similarity: number;
}

/** Which memories surround the given ones in creation order. */
export interface NeighbourQuery {
  readonly namespace: string;
  readonly ids: readonly string[];
  /** How many on each side, at most. */
  readonly radius: number;
  /** Only memories the filter allows count as neighbours. */
  readonly filter?: MemoryFilter;
}

/** A memory's place in creation order. */
export type TimelineEntry = CandidateFacts;

/** The memories created just before and just after one memory (listing order: creation time, then id), nearest first. */
export interface Neighbours {
  readonly id: string;
  readonly before: readonly TimelineEntry[];
  readonly after: readonly TimelineEntry[];
}

/** Moves a signal a share `rate` of the way toward `target`: x + rate * (target - x), atomically. */
export interface SignalNudge {
  readonly target: number;
  readonly rate: number;
}

/** What a store did with signal updates when it may have had to queue some. */
export interface SignalUpdateReport {
  /** Ids that exist in the namespace and were updated. */
  applied: string[];
  /**
   * Ids whose updates are queued durably because the store could not be reached or its answer was
   * lost: not checked to exist, and applied (once each, to those that exist) when it is back.
   */
  queued: string[];
}

/** What a store did with an insert when it may have had to queue it (all of it or none: one of the two lists is empty). */
export interface InsertReport {
  /** Ids written to the store, searchable now. */
  inserted: string[];
  /**
   * Ids queued durably because the store could not be reached or its answer was lost: not
   * searchable, not checked against stored ids, written once when the store is back.
   */
  queued: string[];
}

/** A partial update of one memory's signals; absent fields stay as they are. */
export interface SignalUpdate {
  readonly id: string;
  /** Sets `lastAccessedAt` and adds one to `accessCount` (a recall). */
  readonly recalledAt?: Date;
  readonly arousal?: SignalNudge;
  readonly utility?: SignalNudge;
  readonly valence?: SignalNudge;
  readonly emotion?: Partial<Readonly<Record<keyof EmotionScores, SignalNudge>>>;
}

/** A page of records in creation order. */
export interface MemoryPage {
  readonly records: MemoryRecord[];
  /** The records' vectors, index for index; present only when `withVectors` was asked (export). */
  readonly vectors?: Float32Array[];
  /** Pass as `after` to continue; null at the end. */
  readonly next: string | null;
}

/** What `MemoryStore.list` accepts. */
export interface ListOptions {
  readonly namespace: string;
  /** A `next` cursor from the previous page of the same listing. */
  readonly after?: string | null;
  readonly limit: number;
  readonly filter?: MemoryFilter;
  /** Also return each record's vector (for export). */
  readonly withVectors?: boolean;
}

/** What a store can do beyond the contract every store meets. */
export interface StoreCapabilities {
  /** Sees writes made by other processes to the same data on its next read. */
  readonly crossProcess: boolean;
  /** Survives process restarts. */
  readonly persistent: boolean;
}

/** What the store checks when it opens: the embedder must match the one the data was built with. */
export interface StoreOpenContext {
  readonly embedderId: string;
  readonly dimensions: number;
}

/**
 * Where memories live, and a source of candidates: a store stores, filters, lists and scores
 * (BM25, inner products); recall (`recall/`) decides the ranking, the same way over every store.
 * Every method is atomic; a resolved promise means the change is durable. Every read and write is
 * confined to one namespace, except `get`, which is by id. Each backend passes
 * `runStoreConformanceTests`.
 */
export interface MemoryStore {
  readonly capabilities: StoreCapabilities;
  /** Opens or creates the data; throws `EmbedderMismatchError` if it was built with another embedder. */
  open(context: StoreOpenContext): Promise<void>;
  /** Inserts all records or none. Ids must be new; vectors must have the opened `dimensions`. */
  insert(memories: readonly StoredMemory[]): Promise<void>;
  /**
   * Optional, for stores that queue writes they cannot make now (Qdrant's outbox): `insert`, but
   * when the store cannot be reached (or its answer is lost) the memories are queued durably, in
   * order with queued updates, and reported as queued. Ids found to exist are still refused.
   */
  insertOrQueue?(memories: readonly StoredMemory[]): Promise<InsertReport>;
  /**
   * Inserts, or replaces (record, vector and terms) the memory with the same id in the same
   * namespace; all or none. An id held by another namespace is refused (`InvalidInputError`). For import.
   */
  upsert(memories: readonly StoredMemory[]): Promise<void>;
  /** The records with these ids, in the order asked, skipping missing ones. */
  get(ids: readonly string[]): Promise<MemoryRecord[]>;
  /**
   * The `limit` best BM25 matches among the memories the filter allows, best first, ties by id
   * (compared as strings). Ranking them is recall's job: the store only scores.
   */
  lexicalCandidates(query: LexicalQuery): Promise<LexicalCandidate[]>;
  /** The `limit` nearest memories the filter allows by exact inner product, best first, ties by id. Only similarities above 0. */
  vectorCandidates(query: VectorQuery): Promise<VectorCandidate[]>;
  /**
   * For each id of the namespace, up to `radius` memories the filter allows created just before
   * and just after it (creation time, then id), nearest first; an id the namespace lacks has none.
   */
  neighbours(query: NeighbourQuery): Promise<Neighbours[]>;
  /** Applies signal updates in one write; returns the ids that existed in the namespace. */
  update(namespace: string, updates: readonly SignalUpdate[]): Promise<string[]>;
  /**
   * Optional, for stores that queue updates they cannot make now (Qdrant's outbox): `update`, but
   * saying apart which ids it applied and which it only queued, unverified. Its `update` returns
   * only the applied ones; callers that report to users use this (see `updateSignals`).
   */
  updateOrQueue?(namespace: string, updates: readonly SignalUpdate[]): Promise<SignalUpdateReport>;
  /** Deletes these ids from the namespace; returns the ids that were there. */
  delete(namespace: string, ids: readonly string[]): Promise<string[]>;
  /** Pages through a namespace in creation order (oldest first). */
  list(options: ListOptions): Promise<MemoryPage>;
  /** Number of memories in a namespace (archived included). */
  count(namespace: string): Promise<number>;
  /** The namespaces that hold at least one memory. */
  namespaces(): Promise<string[]>;
  close(): Promise<void>;
  /**
   * Optional: loads a namespace's search structures ahead of its first search, without holding up
   * other calls for long. Stores that keep no in-process index leave it out.
   */
  warm?(namespace: string): Promise<void>;
  /**
   * Optional: the ids of a namespace that start with each prefix, at most `limit` per prefix (ids
   * compared as strings). Lets contexts cite a memory by the shortest prefix unique in its namespace
   * (`m:7f3a`) and resolve what a model cites back; without it, contexts cite full ids.
   */
  idsByPrefix?(namespace: string, prefixes: readonly string[], limit: number): Promise<Map<string, string[]>>;
  /**
   * Optional capability: links between memories, entities, adjacency and consolidation writes.
   * Stores without it still work: entity links, recall expansion and consolidation are skipped or
   * throw `CapabilityMissingError` where they cannot work without it.
   */
  readonly graph?: MemoryGraph;
  /** Optional capability: per-namespace persona state written with its episodes (`@resonant/core/persona`). */
  readonly persona?: PersonaStateStore;
  /** Optional capability: what each memory trace changed, for inspection (`applyFeedback` appends to it). */
  readonly feedbackLog?: FeedbackLogStore;
}

// ---------------------------------------------------------------------------------------------
// The optional graph capability (consolidation, entity links, recall expansion). Additive: a store
// that leaves `graph` undefined meets the whole contract above.

/**
 * `mentions`: memory -> entity key. `child`: consolidation summary -> a memory it summarizes.
 * `supersedes`: a memory -> the earlier one it revises (recall prefers the newer).
 */
export type LinkType = 'mentions' | 'child' | 'supersedes';

/** A directed link inside one namespace. */
export interface MemoryLink {
  readonly type: LinkType;
  /** A memory id. */
  readonly from: string;
  /** A memory id (`child`) or an entity key (`mentions`). */
  readonly to: string;
}

/** A person, place or thing that memories mention, as stored. */
export interface EntityNode {
  /** Normalised name, unique in its namespace: what `mentions` links point to. */
  readonly key: string;
  /** The name as first written. */
  readonly name: string;
  /** Key of the entity this one was renamed to or merged into; consolidation moves its links there. */
  readonly mergedInto: string | null;
  /** How many memories link to it now. */
  readonly mentionCount: number;
}

/** An entity to add: new keys are inserted; an existing key keeps its name and takes `mergedInto` when given. */
export interface EntityWrite {
  readonly key: string;
  readonly name: string;
  readonly mergedInto?: string | null;
}

/**
 * What a change was planned on. The write checks it inside its transaction, before writing
 * anything: if another writer changed any of it since the plan read it, nothing is written and
 * `write` throws `WriteConflictError`, so the caller can plan again from a fresh read.
 */
export interface GraphExpectation {
  /** These memories exist in the namespace with exactly this text and summary. */
  readonly memories?: readonly { readonly id: string; readonly text: string; readonly summary: string | null }[];
  /** The `child` links out of or into any of `around` are exactly `links` (order aside). */
  readonly childLinks?: { readonly around: readonly string[]; readonly links: readonly MemoryLink[] };
}

/**
 * One atomic change of memories, entities and links, in this order: expect (checked first),
 * delete, insert, replace, entities, unlink, link, archive, pruneEntities.
 */
export interface GraphChange {
  /** Checked before anything is written; see {@link GraphExpectation}. */
  readonly expect?: GraphExpectation;
  /** Memories deleted as `MemoryStore.delete` deletes them (row, index entry, every link from or to them); ids the namespace lacks are skipped. */
  readonly delete?: readonly string[];
  /** New memories; ids must be new. */
  readonly insert?: readonly StoredMemory[];
  /** Memories inserted only when their id is absent, so a re-run with deterministic ids writes nothing twice. */
  readonly insertIfAbsent?: readonly StoredMemory[];
  /** Memories rewritten in place (record, vector and terms; links kept); each id must be held by this namespace. */
  readonly replace?: readonly StoredMemory[];
  readonly entities?: readonly EntityWrite[];
  /** Removes every link of `type` going out of these memories (before `link` adds the new set). */
  readonly unlink?: { readonly from: readonly string[]; readonly type: LinkType };
  /** Links to add; a link that exists is kept once. */
  readonly link?: readonly MemoryLink[];
  /**
   * Archives these memories at `at` (already archived ones keep their date). Archiving is a
   * structural write: it advances the change counter so other processes' indexes catch up.
   */
  readonly archive?: { readonly ids: readonly string[]; readonly at: Date };
  /**
   * Entities deleted if, once the rest of the change is written, no `mentions` link points to them,
   * they are not merged into another (a recorded alias stays) and none is merged into them.
   */
  readonly pruneEntities?: readonly string[];
}

/** The memories just before and after one memory, in creation order (nearest first). */
export interface AdjacentMemories {
  readonly id: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/**
 * Optional store capability behind consolidation, entity links and recall expansion. Every method is
 * confined to one namespace; `write` is one transaction. Links are not foreign keys: a link may
 * point at a memory that was deleted since; readers skip it and consolidation prunes it.
 */
export interface MemoryGraph {
  /** Applies a change atomically: all of it or, on any error, none. */
  write(namespace: string, change: GraphChange): Promise<void>;
  /** Links of one type out of (`out`) or into (`in`) the given ids. */
  links(
    namespace: string,
    query: { readonly ids: readonly string[]; readonly direction: 'out' | 'in'; readonly type: LinkType },
  ): Promise<MemoryLink[]>;
  /** The entities with these keys (all of the namespace's when `keys` is absent), with mention counts. */
  entities(namespace: string, keys?: readonly string[]): Promise<EntityNode[]>;
  /**
   * Temporal previous/next links: for each id, up to `radius` memories created just before and just
   * after it among those the filter allows (same semantics as `list`: archived ones left out unless asked).
   */
  adjacent(
    namespace: string,
    ids: readonly string[],
    options: { readonly radius: number; readonly filter?: MemoryFilter },
  ): Promise<AdjacentMemories[]>;
  /** Memories created in [from, to] that the filter allows, with their vectors, newest first, at most `limit` (dedup's time window). */
  createdBetween(
    namespace: string,
    options: { readonly from: Date; readonly to: Date; readonly limit: number; readonly filter?: MemoryFilter },
  ): Promise<StoredMemory[]>;
  /** Pages through every link of a namespace, both types, ordered by type, from, to (for export). */
  listLinks(namespace: string, options: GraphPageOptions): Promise<LinkPage>;
  /** Pages through every entity of a namespace by key, merged ones included (for export). */
  listEntities(namespace: string, options: GraphPageOptions): Promise<EntityPage>;
}

/** What the graph's paged listings accept. */
export interface GraphPageOptions {
  /** A `next` cursor from the previous page of the same listing. */
  readonly after?: string | null;
  readonly limit: number;
}

/** A page of a namespace's links. */
export interface LinkPage {
  readonly links: MemoryLink[];
  /** Pass as `after` to continue; null at the end. */
  readonly next: string | null;
}

/** A page of a namespace's entities. */
export interface EntityPage {
  readonly entities: EntityNode[];
  /** Pass as `after` to continue; null at the end. */
  readonly next: string | null;
}
