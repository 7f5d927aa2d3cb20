/** Bumped when the table layout changes; `migrate` brings older files forward. */
export const SCHEMA_VERSION = 1;

/** Creates the tables of a new store file. Times are epoch milliseconds; vectors are float32 blobs. */
export const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS memories (
  id               TEXT PRIMARY KEY,
  namespace        TEXT NOT NULL,
  kind             TEXT NOT NULL,
  text             TEXT NOT NULL,
  summary          TEXT,
  created_at       INTEGER NOT NULL,
  last_accessed_at INTEGER NOT NULL,
  access_count     INTEGER NOT NULL DEFAULT 0,
  arousal          REAL NOT NULL,
  valence          REAL NOT NULL,
  utility          REAL NOT NULL,
  joy              REAL NOT NULL DEFAULT 0,
  aversion         REAL NOT NULL DEFAULT 0,
  trauma           REAL NOT NULL DEFAULT 0,
  crisis           REAL NOT NULL DEFAULT 0,
  level            INTEGER,
  archived_at      INTEGER,
  metadata         TEXT NOT NULL DEFAULT '{}',
  terms            TEXT NOT NULL,
  vector           BLOB NOT NULL,
  seq              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS memories_by_namespace_seq ON memories (namespace, seq);
CREATE INDEX IF NOT EXISTS memories_by_namespace_created ON memories (namespace, created_at, id);

-- Deletions, kept so other processes can drop deleted memories from their in-process index.
CREATE TABLE IF NOT EXISTS tombstones (
  namespace TEXT NOT NULL,
  id        TEXT NOT NULL,
  seq       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tombstones_by_namespace_seq ON tombstones (namespace, seq);

-- The optional graph capability (MemoryGraph): links and entities, confined to a namespace.
-- type 'mentions': source = memory id, target = entity key; type 'child': summary id -> memory id;
-- type 'supersedes': newer memory id -> the memory it revises.
CREATE TABLE IF NOT EXISTS links (
  namespace TEXT NOT NULL,
  type      TEXT NOT NULL,
  source    TEXT NOT NULL,
  target    TEXT NOT NULL,
  PRIMARY KEY (namespace, type, source, target)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_by_target ON links (namespace, type, target, source);

CREATE TABLE IF NOT EXISTS entities (
  namespace   TEXT NOT NULL,
  key         TEXT NOT NULL,
  name        TEXT NOT NULL,
  merged_into TEXT,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
`;
