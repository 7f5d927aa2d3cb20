import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findCandidates } from '../recall/find-candidates.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { MemoryGraph, MemoryLink, MemoryStore, StoredMemory } from '../store/memory-store.js';
import {
  CONFORMANCE_CONTEXT,
  CONFORMANCE_EPOCH,
  conformanceMemory,
  conformanceQuery,
} from '../store/conformance/conformance-memory.js';
import type { StoreConformanceOptions } from './run-store-conformance-tests.js';

const NS = 'user:ana';

/** A conformance memory of `NS` created `minute` minutes after the suite's epoch, with record fields overridden. */
function memory(id: string, text: string, minute: number, patch: Partial<MemoryRecord> = {}): StoredMemory {
  const stored = conformanceMemory({ id, namespace: NS, text, minute });
  return { ...stored, record: { ...stored.record, ...patch } };
}

/**
 * The tests every store with the optional graph capability (`MemoryStore.graph`) must pass: atomic
 * writes of memories, entities and links; links both ways; idempotent `insertIfAbsent`; entity
 * merges; temporal adjacency; archiving seen by a second store over the same data; links dropped
 * with a forgotten memory; delete, replace and entity pruning in one write; expectations that no
 * longer hold (`write_conflict`, nothing written). For stores that declare `graph` only. Call it inside a vitest test file.
 */
export function runGraphConformanceTests(options: StoreConformanceOptions): void {
  describe(`MemoryGraph conformance: ${options.name ?? 'store'}`, () => {
    const run = randomBytes(4).toString('hex');
    let counter = 0;
    const opened: MemoryStore[] = [];
    const locations = new Set<string>();

    async function openStore(
      location = `resonant_graph_${run}_${++counter}`,
    ): Promise<{ store: MemoryStore; graph: MemoryGraph; location: string }> {
      locations.add(location);
      const store = await options.createStore({ location });
      opened.push(store);
      await store.open(CONFORMANCE_CONTEXT);
      if (!store.graph)
        throw new CapabilityMissingError(
          `${options.name ?? 'The store'} has no graph capability; run runGraphConformanceTests only for stores that declare one.`,
        );
      return { store, graph: store.graph, location };
    }

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      for (const location of [...locations]) await options.destroy?.({ location });
      locations.clear();
    });

    const search = (store: MemoryStore, query: string, includeArchived = false) =>
      findCandidates(store, { namespace: NS, ...conformanceQuery(query), limit: 10, filter: { includeArchived } });

    it('writes memories, entities and links in one transaction and lists links both ways', async () => {
      const { store, graph } = await openStore();
      await graph.write(NS, {
        insert: [memory('a', 'Ana met Bo in Kyoto', 1), memory('b', 'Bo cooked dinner', 2)],
        entities: [
          { key: 'bo', name: 'Bo' },
          { key: 'kyoto', name: 'Kyoto' },
        ],
        link: [
          { type: 'mentions', from: 'a', to: 'bo' },
          { type: 'mentions', from: 'a', to: 'kyoto' },
          { type: 'mentions', from: 'b', to: 'bo' },
          { type: 'mentions', from: 'b', to: 'bo' },
        ],
      });
      expect(
        (await graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).map((link) => link.to),
      ).toEqual(['bo', 'kyoto']);
      expect(
        (await graph.links(NS, { ids: ['bo'], direction: 'in', type: 'mentions' })).map((link) => link.from),
      ).toEqual(['a', 'b']);
      expect(await graph.entities(NS)).toEqual([
        { key: 'bo', name: 'Bo', mergedInto: null, mentionCount: 2 },
        { key: 'kyoto', name: 'Kyoto', mergedInto: null, mentionCount: 1 },
      ]);
      expect(await graph.links('user:other', { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([]);
      expect((await search(store, 'Bo cooked dinner'))[0]!.record.id).toBe('b');
    });

    it('rolls the whole change back when one part fails', async () => {
      const { store, graph } = await openStore();
      await graph.write(NS, { insert: [memory('a', 'first', 1)] });
      await expect(
        graph.write(NS, {
          entities: [{ key: 'x', name: 'X' }],
          link: [{ type: 'mentions', from: 'c', to: 'x' }],
          insert: [memory('c', 'new', 2), memory('a', 'again', 3)],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      expect(await store.get(['c'])).toEqual([]);
      expect(await graph.entities(NS)).toEqual([]);
      expect(await graph.links(NS, { ids: ['c'], direction: 'out', type: 'mentions' })).toEqual([]);
      await expect(
        graph.write(NS, {
          insert: [
            { ...memory('d', 'elsewhere', 4), record: { ...memory('d', 'elsewhere', 4).record, namespace: 'user:bo' } },
          ],
        }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('insertIfAbsent writes a memory once however often it is replayed', async () => {
      const { store, graph } = await openStore();
      const summary = memory('s1', 'A calm morning', 5, { kind: 'summary', level: 0 });
      for (let run = 0; run < 3; run++)
        await graph.write(NS, { insertIfAbsent: [summary], link: [{ type: 'child', from: 's1', to: 'a' }] });
      expect(await store.count(NS)).toBe(1);
      expect(await graph.links(NS, { ids: ['s1'], direction: 'out', type: 'child' })).toEqual([
        { type: 'child', from: 's1', to: 'a' },
      ]);
    });

    it('unlink replaces a memory’s links of one type', async () => {
      const { graph } = await openStore();
      await graph.write(NS, {
        link: [
          { type: 'mentions', from: 'a', to: 'mel' },
          { type: 'child', from: 'a', to: 'x' },
        ],
      });
      await graph.write(NS, {
        unlink: { from: ['a'], type: 'mentions' },
        link: [{ type: 'mentions', from: 'a', to: 'melanie' }],
      });
      expect(await graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([
        { type: 'mentions', from: 'a', to: 'melanie' },
      ]);
      expect(await graph.links(NS, { ids: ['a'], direction: 'out', type: 'child' })).toHaveLength(1);
    });

    it('records merges of entities and keeps the first name', async () => {
      const { graph } = await openStore();
      await graph.write(NS, { entities: [{ key: 'mel', name: 'Mel' }] });
      await graph.write(NS, {
        entities: [
          { key: 'melanie', name: 'Melanie' },
          { key: 'mel', name: 'MEL', mergedInto: 'melanie' },
        ],
      });
      expect(await graph.entities(NS, ['mel', 'melanie', 'nobody'])).toEqual([
        { key: 'mel', name: 'Mel', mergedInto: 'melanie', mentionCount: 0 },
        { key: 'melanie', name: 'Melanie', mergedInto: null, mentionCount: 0 },
      ]);
    });

    it('pages through every link and entity of a namespace in a stable order, and no other namespace’s', async () => {
      const { graph } = await openStore();
      const links = [
        { type: 'child' as const, from: 's1', to: 'a' },
        { type: 'child' as const, from: 's1', to: 'b' },
        { type: 'child' as const, from: 's2', to: 's1' },
        { type: 'mentions' as const, from: 'a', to: 'bo' },
        { type: 'mentions' as const, from: 'b', to: 'kyoto' },
      ];
      await graph.write(NS, {
        entities: [
          { key: 'bo', name: 'Bo' },
          { key: 'kyoto', name: 'Kyoto' },
          { key: 'bobby', name: 'Bobby', mergedInto: 'bo' },
        ],
        link: links,
      });
      await graph.write('user:other', {
        entities: [{ key: 'zed', name: 'Zed' }],
        link: [{ type: 'mentions', from: 'z', to: 'zed' }],
      });
      const listedLinks: MemoryLink[] = [];
      const linkPages: number[] = [];
      let after: string | null = null;
      do {
        const page = await graph.listLinks(NS, { after, limit: 2 });
        linkPages.push(page.links.length);
        listedLinks.push(...page.links);
        after = page.next;
      } while (after !== null);
      expect(listedLinks).toEqual(links);
      expect(linkPages).toEqual([2, 2, 1]);
      const first = await graph.listEntities(NS, { limit: 2 });
      expect(first.entities).toEqual([
        { key: 'bo', name: 'Bo', mergedInto: null, mentionCount: 1 },
        { key: 'bobby', name: 'Bobby', mergedInto: 'bo', mentionCount: 0 },
      ]);
      const second = await graph.listEntities(NS, { after: first.next, limit: 2 });
      expect(second).toEqual({
        entities: [{ key: 'kyoto', name: 'Kyoto', mergedInto: null, mentionCount: 1 }],
        next: null,
      });
      expect(await graph.listLinks('user:nobody', { limit: 10 })).toEqual({ links: [], next: null });
      expect(await graph.listEntities('user:nobody', { limit: 10 })).toEqual({ entities: [], next: null });
    });

    it('lists temporal neighbours in creation order, leaving archived memories out unless asked', async () => {
      const { graph } = await openStore();
      await graph.write(NS, {
        insert: [1, 2, 3, 4, 5].map((minute) => memory(`m${minute}`, `event ${minute}`, minute)),
      });
      await graph.write(NS, { archive: { ids: ['m2'], at: new Date('2026-02-01T00:00:00Z') } });
      expect(await graph.adjacent(NS, ['m3', 'm1', 'missing'], { radius: 2 })).toEqual([
        { id: 'm3', before: ['m1'], after: ['m4', 'm5'] },
        { id: 'm1', before: [], after: ['m3', 'm4'] },
        { id: 'missing', before: [], after: [] },
      ]);
      expect((await graph.adjacent(NS, ['m3'], { radius: 1, filter: { includeArchived: true } }))[0]).toEqual({
        id: 'm3',
        before: ['m2'],
        after: ['m4'],
      });
    });

    it('archiving takes a memory out of default search here and in another connection', async () => {
      const { store: writer, graph: writerGraph, location } = await openStore();
      const { store: reader } = await openStore(location);
      await writerGraph.write(NS, {
        insert: [memory('a', 'Ana planted tulips', 1), memory('b', 'Ana planted roses', 2)],
      });
      // Both processes' indexes are loaded before the archive.
      expect((await search(writer, 'planted tulips')).map((hit) => hit.record.id)).toContain('a');
      expect((await search(reader, 'planted tulips')).map((hit) => hit.record.id)).toContain('a');
      const at = new Date('2026-03-01T00:00:00Z');
      await writerGraph.write(NS, { archive: { ids: ['a', 'a'], at } });
      await writerGraph.write(NS, { archive: { ids: ['a'], at: new Date('2027-01-01T00:00:00Z') } });
      for (const store of [writer, reader]) {
        expect((await search(store, 'planted tulips')).map((hit) => hit.record.id)).toEqual(['b']);
        expect((await search(store, 'planted tulips', true)).map((hit) => hit.record.id)).toContain('a');
      }
      expect((await reader.get(['a']))[0]!.archivedAt).toEqual(at);
      expect((await reader.list({ namespace: NS, limit: 10 })).records.map((record) => record.id)).toEqual(['b']);
    });

    it('forgetting a memory removes its links', async () => {
      const { store, graph } = await openStore();
      await graph.write(NS, {
        insert: [memory('a', 'Ana met Bo', 1), memory('s', 'summary', 2, { kind: 'summary', level: 0 })],
        link: [
          { type: 'mentions', from: 'a', to: 'bo' },
          { type: 'child', from: 's', to: 'a' },
        ],
      });
      await store.delete(NS, ['a']);
      expect(await graph.links(NS, { ids: ['a'], direction: 'out', type: 'mentions' })).toEqual([]);
      expect(await graph.links(NS, { ids: ['s'], direction: 'out', type: 'child' })).toEqual([]);
    });

    it('deletes, replaces and prunes in one write, seen by another connection', async () => {
      const { store, graph, location } = await openStore();
      const { store: reader } = await openStore(location);
      await graph.write(NS, {
        insert: [
          memory('a', 'Ana met Bo at the harbour', 1),
          memory('b', 'Ana fed the ducks', 2),
          memory('s', 'Ana met Bo at the harbour and fed the ducks', 3, { kind: 'summary', level: 0 }),
        ],
        entities: [
          { key: 'bo', name: 'Bo' },
          { key: 'ana', name: 'Ana' },
          { key: 'mel', name: 'Mel' },
          { key: 'melanie', name: 'Melanie' },
        ],
        link: [
          { type: 'child', from: 's', to: 'a' },
          { type: 'child', from: 's', to: 'b' },
          { type: 'mentions', from: 'a', to: 'bo' },
          { type: 'mentions', from: 'a', to: 'ana' },
          { type: 'mentions', from: 'b', to: 'ana' },
          { type: 'mentions', from: 's', to: 'bo' },
        ],
      });
      await graph.write(NS, { entities: [{ key: 'mel', name: 'Mel', mergedInto: 'melanie' }] });
      expect((await search(reader, 'harbour')).map((hit) => hit.record.id)).toEqual(expect.arrayContaining(['a', 's']));
      const rewritten = memory('s', 'Ana fed the ducks', 3, { kind: 'summary', level: 0 });
      await graph.write(NS, {
        delete: ['a', 'missing'],
        replace: [rewritten],
        unlink: { from: ['s'], type: 'mentions' },
        link: [{ type: 'mentions', from: 's', to: 'ana' }],
        pruneEntities: ['bo', 'ana', 'mel', 'melanie'],
      });
      expect(await store.get(['a'])).toEqual([]);
      expect((await store.get(['s']))[0]!.text).toBe('Ana fed the ducks');
      // The replaced memory keeps its other links; the deleted one leaves none.
      expect(await graph.links(NS, { ids: ['s'], direction: 'out', type: 'child' })).toEqual([
        { type: 'child', from: 's', to: 'b' },
      ]);
      // Bo is mentioned by nothing now; Ana still is; an alias and its target stay.
      expect((await graph.entities(NS)).map((entity) => entity.key)).toEqual(['ana', 'mel', 'melanie']);
      for (const reading of [store, reader]) {
        expect((await search(reading, 'harbour')).map((hit) => hit.record.id)).toEqual([]);
        expect((await search(reading, 'ducks')).map((hit) => hit.record.id).sort()).toEqual(['b', 's']);
      }
      await expect(graph.write(NS, { replace: [memory('nobody', 'text', 4)] })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('writes nothing and throws write_conflict when what the change expects no longer holds', async () => {
      const { store, graph } = await openStore();
      await graph.write(NS, {
        insert: [memory('a', 'Ana planted tulips', 1), memory('s', 'tulips', 2, { kind: 'summary', level: 0 })],
        link: [{ type: 'child', from: 's', to: 'a' }],
      });
      const a = (await store.get(['a']))[0]!;
      const holds = {
        memories: [{ id: 'a', text: a.text, summary: a.summary }],
        childLinks: { around: ['a'], links: [{ type: 'child' as const, from: 's', to: 'a' }] },
      };
      const attempts = [
        { ...holds, memories: [{ id: 'a', text: 'Ana planted roses', summary: null }] },
        { ...holds, memories: [{ id: 'gone', text: 'x', summary: null }] },
        { ...holds, childLinks: { around: ['a'], links: [] } },
        {
          ...holds,
          childLinks: {
            around: ['a', 's'],
            links: [
              { type: 'child' as const, from: 's', to: 'a' },
              { type: 'child' as const, from: 's', to: 'b' },
            ],
          },
        },
      ];
      for (const expectation of attempts) {
        await expect(
          graph.write(NS, { expect: expectation, delete: ['a'], insert: [memory('c', 'new', 3)] }),
        ).rejects.toMatchObject({ code: 'write_conflict' });
      }
      expect((await store.get(['a', 'c'])).map((record) => record.id)).toEqual(['a']);
      await graph.write(NS, { expect: holds, delete: ['a'] });
      expect(await store.get(['a'])).toEqual([]);
    });

    it('reads memories created in a time range with their vectors, newest first', async () => {
      const { graph } = await openStore();
      await graph.write(NS, { insert: [1, 2, 3, 4].map((minute) => memory(`m${minute}`, `note ${minute}`, minute)) });
      await graph.write(NS, { archive: { ids: ['m3'], at: new Date(CONFORMANCE_EPOCH + 3_600_000) } });
      const found = await graph.createdBetween(NS, {
        from: new Date(CONFORMANCE_EPOCH + 2 * 60_000),
        to: new Date(CONFORMANCE_EPOCH + 4 * 60_000),
        limit: 10,
      });
      expect(found.map((stored) => stored.record.id)).toEqual(['m4', 'm2']);
      expect(Array.from(found[0]!.vector)).toEqual(Array.from(memory('m4', 'note 4', 4).vector));
      expect(
        (
          await graph.createdBetween(NS, { from: new Date(0), to: new Date(CONFORMANCE_EPOCH + 3_600_000), limit: 1 })
        ).map((stored) => stored.record.id),
      ).toEqual(['m4']);
    });
  });
}
