/** A saved graph that passed its file checks, ready for {@link ApproximateVectorIndex.adopt}. */
export interface SavedVectorGraph {
  /** The graph's file (a private name for this reader: later saves do not change it). */
  readonly path: string;
  /** Per graph key: the id of the memory whose vector it held, or null for a key not in the graph. */
  readonly ids: readonly (string | null)[];
  /** Per graph key: the store change number of the write that produced that vector. */
  readonly seqs: readonly number[];
  /** Lets go of `path` once the graph is adopted (or not). */
  release(): void;
}

/** Why no saved graph was usable. */
export type SavedGraphRejection = 'missing' | 'stale' | 'corrupt';

/** The ids and change numbers to save beside a graph, per graph key (see {@link SavedVectorGraph}). */
export interface GraphKeys {
  readonly ids: readonly (string | null)[];
  readonly seqs: readonly number[];
}

/**
 * Where a store keeps one namespace's vector graph between opens. Reading never trusts the file:
 * it checks what the store can check (format, owner, checksum) and the index checks the rest.
 */
export interface VectorGraphFile {
  read(): SavedVectorGraph | SavedGraphRejection;
  /** Saves a graph: `writeGraph` writes it to the path given and returns its keys. */
  write(writeGraph: (path: string) => GraphKeys): void;
  /** Removes the saved graph (the namespace no longer has one). */
  remove(): void;
}

/** What {@link NamespaceIndex} reports about its vector graph. */
export type VectorGraphEvent =
  | {
      /** A saved graph was adopted; `added` and `removed` vectors caught it up with the store. */
      readonly type: 'loaded';
      readonly vectors: number;
      readonly added: number;
      readonly removed: number;
      readonly durationMs: number;
    }
  | {
      /** The graph was built from the store's vectors; `reason` says why no saved one served. */
      readonly type: 'built';
      readonly reason: SavedGraphRejection;
      readonly vectors: number;
      readonly durationMs: number;
    }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'saved'; readonly vectors: number; readonly durationMs: number };
