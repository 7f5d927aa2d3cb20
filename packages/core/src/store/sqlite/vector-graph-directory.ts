import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphKeys, SavedGraphRejection, SavedVectorGraph, VectorGraphFile } from '../index/vector-graph-file.js';

/** Bumped when the key file's layout changes: older files are then rejected as stale, never misread. */
const FORMAT = 1;

/** What is written beside each graph: who it belongs to, its checksum and the memory behind each key. */
interface KeyFile extends GraphKeys {
  readonly format: number;
  /** The store's embedder and dimensions: a graph of other vectors is stale. */
  readonly owner: string;
  readonly namespace: string;
  /** sha1 of the graph file as written. */
  readonly checksum: string;
}

/**
 * Where the embedded store keeps each namespace's vector graph between opens: one directory beside
 * the database (`<file>.vectors/`), per namespace a graph file and a key file, both replaced by
 * rename so a crash mid-save leaves the previous pair or none. The pair is a cache of what SQLite
 * holds: a reader checks owner, namespace and checksum, and the index checks every key against
 * the loaded memories before it trusts the graph.
 */
export class VectorGraphDirectory {
  constructor(
    private readonly directory: string,
    private readonly owner: string,
  ) {}

  /** The graph file of one namespace. */
  forNamespace(namespace: string): VectorGraphFile {
    const name = createHash('sha1').update(namespace).digest('hex');
    const graphPath = join(this.directory, `${name}.usearch`);
    const keysPath = join(this.directory, `${name}.keys.json`);
    return {
      read: () => this.read(namespace, graphPath, keysPath),
      write: (writeGraph) => this.write(namespace, graphPath, keysPath, writeGraph),
      remove: () => {
        rmSync(keysPath, { force: true });
        rmSync(graphPath, { force: true });
      },
    };
  }

  private read(namespace: string, graphPath: string, keysPath: string): SavedVectorGraph | SavedGraphRejection {
    if (!existsSync(graphPath) || !existsSync(keysPath)) return 'missing';
    let keys: KeyFile;
    try {
      keys = JSON.parse(readFileSync(keysPath, 'utf8')) as KeyFile;
    } catch {
      return 'corrupt';
    }
    if (keys.format !== FORMAT || keys.owner !== this.owner || keys.namespace !== namespace) return 'stale';
    // A private name for this reader: another process's save renames a new file over the shared
    // name and leaves this one as it was checked.
    const privatePath = `${graphPath}.${process.pid}.${randomBytes(4).toString('hex')}.reading`;
    try {
      try {
        linkSync(graphPath, privatePath);
      } catch {
        copyFileSync(graphPath, privatePath);
      }
    } catch {
      return 'missing';
    }
    const release = () => rmSync(privatePath, { force: true });
    // Also catches a key file and a graph from two different saves (read between their renames).
    if (fileChecksum(privatePath) !== keys.checksum) {
      release();
      return 'corrupt';
    }
    return { path: privatePath, ids: keys.ids, seqs: keys.seqs, release };
  }

  private write(namespace: string, graphPath: string, keysPath: string, writeGraph: (path: string) => GraphKeys): void {
    mkdirSync(this.directory, { recursive: true });
    const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const graphTemp = `${graphPath}.${suffix}`;
    const keysTemp = `${keysPath}.${suffix}`;
    try {
      const { ids, seqs } = writeGraph(graphTemp);
      const keys: KeyFile = {
        format: FORMAT,
        owner: this.owner,
        namespace,
        checksum: fileChecksum(graphTemp),
        ids,
        seqs,
      };
      writeFileSync(keysTemp, JSON.stringify(keys));
      renameSync(graphTemp, graphPath);
      renameSync(keysTemp, keysPath);
    } finally {
      rmSync(graphTemp, { force: true });
      rmSync(keysTemp, { force: true });
    }
  }
}

/** sha1 of a file, read in 4 MB pieces (a graph at 1M vectors is about a gigabyte). */
function fileChecksum(path: string): string {
  const hash = createHash('sha1');
  const buffer = Buffer.allocUnsafe(4 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
