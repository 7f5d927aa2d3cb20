import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../../test/temp-directory.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { rankingCorpus, RANKING_QUERIES } from '../../testing/ranking-corpus.js';
import { CONFORMANCE_CONTEXT, conformanceMemory, conformanceQuery } from '../conformance/conformance-memory.js';
import { loadUsearch } from '../index/approximate-vector-index.js';
import type { VectorGraphEvent } from '../index/vector-graph-file.js';
import { SqliteStore } from './sqlite-store.js';

const tempDirectory = useTempDirectory();
const NS = 'user:graph';
const MIN_VECTORS = 100;

/** A store whose graph answers from 100 vectors, recording what happened to its graph. */
async function openStore(path: string, persist = true): Promise<{ store: SqliteStore; events: VectorGraphEvent[] }> {
  const events: VectorGraphEvent[] = [];
  const store = new SqliteStore({
    path,
    vectorIndex: { minVectors: MIN_VECTORS, persist },
    onVectorGraph: (namespace, event) => {
      expect(namespace).toBe(NS);
      if (event.type !== 'progress') events.push(event);
    },
  });
  await store.open(CONFORMANCE_CONTEXT);
  return { store, events };
}

/** The ids of the top 10 vector candidates per ranking query. */
async function nearestIds(store: SqliteStore): Promise<string[][]> {
  const answers: string[][] = [];
  for (const query of RANKING_QUERIES) {
    const { vector } = conformanceQuery(query);
    answers.push((await store.vectorCandidates({ namespace: NS, vector, limit: 10 })).map((hit) => hit.id));
  }
  return answers;
}

/** What the exact scan over the same file answers. */
async function exactIds(path: string): Promise<string[][]> {
  const exact = new SqliteStore({ path, vectorIndex: { kind: 'exact' } });
  await exact.open(CONFORMANCE_CONTEXT);
  try {
    return await nearestIds(exact);
  } finally {
    await exact.close();
  }
}

function overlap(got: string[][], truth: string[][]): number {
  let found = 0;
  let expected = 0;
  truth.forEach((ids, i) => {
    expected += ids.length;
    found += got[i]!.filter((id) => ids.includes(id)).length;
  });
  return found / expected;
}

function graphFiles(path: string): string[] {
  const directory = `${path}.vectors`;
  return existsSync(directory) ? readdirSync(directory).sort() : [];
}

describe.skipIf(loadUsearch() === null)('vector graph kept beside the SQLite file', () => {
  it('builds the graph once, saves it on close and adopts it on the next open', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const first = await openStore(path);
    await first.store.insert(rankingCorpus(NS));
    const before = await nearestIds(first.store);
    await first.store.close();
    expect(first.events.map((event) => event.type)).toEqual(['built', 'saved']);
    expect(first.events[0]).toMatchObject({ reason: 'missing' });
    expect(graphFiles(path).filter((name) => name.endsWith('.usearch'))).toHaveLength(1);

    const second = await openStore(path);
    const after = await nearestIds(second.store);
    await second.store.close();
    // Adopted unchanged: nothing to catch up and nothing to save.
    expect(second.events).toEqual([expect.objectContaining({ type: 'loaded', added: 0, removed: 0 })]);
    expect(after).toEqual(before);
    expect(overlap(after, await exactIds(path))).toBeGreaterThanOrEqual(0.95);
  });

  it('catches a saved graph up with writes and deletes made while it was on disk', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const first = await openStore(path);
    const corpus = rankingCorpus(NS);
    await first.store.insert(corpus);
    await nearestIds(first.store);
    await first.store.close();

    // Another writer that never builds a graph: deletes five, rewrites one, adds twenty.
    const writer = new SqliteStore({ path, vectorIndex: { kind: 'exact' } });
    await writer.open(CONFORMANCE_CONTEXT);
    const gone = corpus.slice(0, 5).map((memory) => memory.record.id);
    await writer.delete(NS, gone);
    await writer.upsert([
      {
        ...corpus[10]!,
        ...conformanceMemory({ id: corpus[10]!.record.id, namespace: NS, text: 'a violin lesson on Tuesday' }),
      },
    ]);
    const added = Array.from({ length: 20 }, (_, i) =>
      conformanceMemory({ id: `late-${i}`, namespace: NS, text: `a violin lesson number ${i} with the orchestra` }),
    );
    await writer.insert(added);
    await writer.close();

    const second = await openStore(path);
    const answers = await nearestIds(second.store);
    const violinQuery = { namespace: NS, vector: conformanceQuery('violin lesson').vector, limit: 30 };
    const violin = (await second.store.vectorCandidates(violinQuery)).map((hit) => hit.id);
    await second.store.close();
    expect(second.events[0]).toMatchObject({ type: 'loaded', added: 21, removed: 6 });
    expect(second.events.at(-1)).toMatchObject({ type: 'saved' });
    for (const ids of answers) for (const id of gone) expect(ids).not.toContain(id);
    // The caught-up vectors are found as the exact scan finds them (approximately: HNSW may miss one).
    const exact = new SqliteStore({ path, vectorIndex: { kind: 'exact' } });
    await exact.open(CONFORMANCE_CONTEXT);
    const violinExact = (await exact.vectorCandidates(violinQuery)).map((hit) => hit.id);
    await exact.close();
    expect(violinExact).toEqual(
      expect.arrayContaining([corpus[10]!.record.id, ...added.map((memory) => memory.record.id)]),
    );
    expect(overlap([violin], [violinExact])).toBeGreaterThanOrEqual(0.9);
    expect(overlap(answers, await exactIds(path))).toBeGreaterThanOrEqual(0.95);
  });

  it('never trusts a corrupt, foreign or mismatched graph: it rebuilds from SQLite', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const first = await openStore(path);
    await first.store.insert(rankingCorpus(NS));
    await nearestIds(first.store);
    await first.store.close();
    const [graphName, keysName] = graphFiles(path).filter((name) => !name.includes('.tmp'));
    expect(graphName).toMatch(/\.keys\.json$|\.usearch$/);
    const graphPath = join(`${path}.vectors`, graphFiles(path).find((name) => name.endsWith('.usearch'))!);
    const keysPath = join(`${path}.vectors`, graphFiles(path).find((name) => name.endsWith('.keys.json'))!);
    expect(keysName).toBeDefined();
    const truth = await exactIds(path);

    const reopenAfter = async (damage: () => void, reason: string) => {
      damage();
      const store = await openStore(path);
      const answers = await nearestIds(store.store);
      await store.store.close();
      expect(store.events[0]).toMatchObject({ type: 'built', reason });
      expect(overlap(answers, truth)).toBeGreaterThanOrEqual(0.95);
    };

    // Flipped bytes in the middle of the graph: the checksum no longer matches.
    await reopenAfter(() => {
      const bytes = readFileSync(graphPath);
      bytes.fill(0xff, bytes.length >> 1, (bytes.length >> 1) + 64);
      writeFileSync(graphPath, bytes);
    }, 'corrupt');
    // A key file written for another embedder.
    await reopenAfter(() => {
      const keys = JSON.parse(readFileSync(keysPath, 'utf8')) as Record<string, unknown>;
      writeFileSync(keysPath, JSON.stringify({ ...keys, owner: 'another-embedder/384' }));
    }, 'stale');
    // Keys that claim one memory twice: the graph does not hold what the list says.
    await reopenAfter(() => {
      const keys = JSON.parse(readFileSync(keysPath, 'utf8')) as { ids: string[] };
      keys.ids[1] = keys.ids[0]!;
      writeFileSync(keysPath, JSON.stringify(keys));
    }, 'corrupt');
    await reopenAfter(() => writeFileSync(keysPath, '{ not json'), 'corrupt');
    await reopenAfter(() => writeFileSync(graphPath, ''), 'corrupt');
  });

  it('keeps nothing on disk with persist: false, and below the threshold', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const transient = await openStore(path, false);
    await transient.store.insert(rankingCorpus(NS));
    await nearestIds(transient.store);
    await transient.store.close();
    expect(graphFiles(path)).toEqual([]);

    const smallPath = join(tempDirectory(), 'small.db');
    const small = await openStore(smallPath);
    await small.store.insert(rankingCorpus(NS).slice(0, MIN_VECTORS - 1));
    await nearestIds(small.store);
    await small.store.close();
    expect(graphFiles(smallPath)).toEqual([]);
  });
});

describe('vector index options', () => {
  it('are validated at the boundary', () => {
    expect(() => new SqliteStore({ path: 'x.db', vectorIndex: { kind: 'fast' as 'auto' } })).toThrow(InvalidInputError);
    expect(() => new SqliteStore({ path: 'x.db', vectorIndex: { minVectors: -1 } })).toThrow(InvalidInputError);
    expect(() => new SqliteStore({ path: '' })).toThrow(InvalidInputError);
  });
});
