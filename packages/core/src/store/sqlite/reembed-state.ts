import type Database from 'better-sqlite3';

/**
 * What a reembed in progress keeps in the store file. The new vectors wait in their own table
 * (the memories keep the old ones) until the last step moves them over in one transaction, so a
 * crash at any point leaves either the old embedder's store or the new one's, never a mix.
 */
export const REEMBED_META_KEYS = Object.freeze({
  /** The embedder the store is moving to (its presence marks a reembed in progress). */
  embedderId: 'reembed_embedder_id',
  dimensions: 'reembed_dimensions',
  /** JSON {@link ReembedCursor}: the last memory whose new vector is stored, in walk order. */
  cursor: 'reembed_cursor',
});

/** New vectors, with the change number (`seq`) of the memory row they were computed from. */
export const REEMBED_VECTORS_TABLE = `
CREATE TABLE IF NOT EXISTS reembed_vectors (
  id         TEXT PRIMARY KEY,
  vector     BLOB NOT NULL,
  source_seq INTEGER NOT NULL
);`;

/** Where the walk over the memories stands: namespace by namespace, in creation order. */
export interface ReembedCursor {
  namespace: string;
  createdAt: number;
  id: string;
}

/** The embedder a reembed in progress is moving the store to, or null when none is. */
export function readReembedTarget(db: Database.Database): { embedderId: string; dimensions: number } | null {
  const read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const embedderId = read.get(REEMBED_META_KEYS.embedderId) as string | undefined;
  if (embedderId === undefined) return null;
  return { embedderId, dimensions: Number(read.get(REEMBED_META_KEYS.dimensions)) };
}

/** How to run (or resume) a reembed of `path` to the embedder `embedderId`, for error messages. */
export function reembedHint(path: string, embedderId: string): string {
  return (
    `run \`resonant reembed --path ${path} ${cliEmbedderFlags(embedderId)}\` (CLI) or ` +
    `\`reembedStore({ path: ${JSON.stringify(path)}, embedder })\` from @resonant/core/store with the embedder "${embedderId}"`
  );
}

/** The CLI flags that select an embedder of this id (the built-in kinds; a placeholder for others). */
function cliEmbedderFlags(embedderId: string): string {
  const hashed = /^resonant-hashed-v1-(\d+)$/.exec(embedderId);
  if (hashed) return `--embedder hashed --dimensions ${hashed[1]}`;
  return embedderId.startsWith('local-onnx-') ? '--embedder local --model-dir DIR' : '--embedder ...';
}
