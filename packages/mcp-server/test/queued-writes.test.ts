import { createMemory, StoreFailureError, type MemoryRecord } from '@resonant/core';
import type {
  InsertReport,
  LexicalCandidate,
  LexicalQuery,
  SignalUpdate,
  SignalUpdateReport,
  StoredMemory,
  VectorCandidate,
  VectorQuery,
} from '@resonant/core/store';
import { InMemoryStore } from '@resonant/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConnections, connect, NOW, textOf } from './connect-client.js';

afterEach(closeConnections);

const NAMESPACE = 'user:alice/agent:mika';

/**
 * A store that can be taken down and queues what it cannot write, as the Qdrant store does with its
 * outbox: while down, reads fail with a transient `StoreFailureError`, inserts and signal updates
 * are queued and reported as queued; `comeBack` replays the queue in order (updates only to ids that exist).
 */
class OutageStore extends InMemoryStore {
  down = false;
  private readonly queue: (
    | { kind: 'insert'; memories: readonly StoredMemory[] }
    | { kind: 'update'; namespace: string; updates: readonly SignalUpdate[] }
  )[] = [];

  private unreachable(): StoreFailureError {
    return new StoreFailureError('the store is unreachable (test)', { transient: true });
  }

  override async get(ids: readonly string[]): Promise<MemoryRecord[]> {
    if (this.down) throw this.unreachable();
    return super.get(ids);
  }

  override async lexicalCandidates(query: LexicalQuery): Promise<LexicalCandidate[]> {
    if (this.down) throw this.unreachable();
    return super.lexicalCandidates(query);
  }

  override async vectorCandidates(query: VectorQuery): Promise<VectorCandidate[]> {
    if (this.down) throw this.unreachable();
    return super.vectorCandidates(query);
  }

  async insertOrQueue(memories: readonly StoredMemory[]): Promise<InsertReport> {
    const ids = memories.map((memory) => memory.record.id);
    if (this.down) {
      this.queue.push({ kind: 'insert', memories });
      return { inserted: [], queued: ids };
    }
    await this.insert(memories);
    return { inserted: ids, queued: [] };
  }

  async updateOrQueue(namespace: string, updates: readonly SignalUpdate[]): Promise<SignalUpdateReport> {
    if (this.down) {
      this.queue.push({ kind: 'update', namespace, updates });
      return { applied: [], queued: [...new Set(updates.map((update) => update.id))] };
    }
    return { applied: await this.update(namespace, updates), queued: [] };
  }

  async comeBack(): Promise<void> {
    this.down = false;
    for (const entry of this.queue.splice(0))
      if (entry.kind === 'insert') await this.insert(entry.memories);
      else await this.update(entry.namespace, entry.updates);
  }
}

describe('writes a store had to queue, over MCP', () => {
  it('feedback and remember say which writes were queued, never that they were applied', async () => {
    const store = new OutageStore();
    const memory = await createMemory({ store, clock: () => NOW });
    const connection = await connect({ memory, defaultNamespace: NAMESPACE });
    const stored = (await connection.call('remember', { text: 'Alice is afraid of thunderstorms.' }))
      .structuredContent as { id: string; queued?: true };
    expect(stored).not.toHaveProperty('queued');

    store.down = true;
    const note = await connection.call('remember', { text: 'Alice adopted a cat named Mochi.' });
    expect(note.isError).toBeFalsy();
    expect(note.structuredContent).toMatchObject({ outcome: 'created', queued: true });
    expect(textOf(note)).toContain('Queued');
    const noteId = (note.structuredContent as { id: string }).id;

    const feedback = await connection.call('feedback', {
      remember: 'Talked about the storm forecast.',
      text: `Storms again? <memory_trace id="m:${stored.id}" resonance="0.9"/><memory_trace id="m:${noteId}" resonance="0.6"/><memory_trace id="m:nope" resonance="0.4"/>`,
    });
    expect(feedback.isError).toBeFalsy();
    expect(feedback.structuredContent).toMatchObject({ applied: [], ignored: [], remembered: { queued: true } });
    expect(textOf(feedback)).toContain('(queued: written when the store is back)');
    const queued = (feedback.structuredContent as { queued: { id: string; resonance: number }[] }).queued;
    expect(queued.map((trace) => trace.id).sort()).toEqual([stored.id, noteId, 'nope'].sort());
    expect(queued.find((trace) => trace.id === stored.id)?.resonance).toBe(0.9);
    expect(textOf(feedback)).toContain('Feedback applied to 0 memories');
    expect(textOf(feedback)).toContain(`Queued, not applied yet`);
    expect(textOf(feedback)).toContain(`m:${stored.id} (0.9)`);
    expect(textOf(feedback)).toContain('m:nope (0.4)');

    // Back: the queued note exists, the queued feedback reached both memories, and "nope" was never created.
    await store.comeBack();
    expect((await memory.get(noteId))?.text).toBe('Alice adopted a cat named Mochi.');
    expect((await memory.get(stored.id))?.accessCount).toBe(1);
    expect((await memory.get(noteId))?.accessCount).toBe(1);
    expect(await memory.get('nope')).toBeNull();
    const healthy = await connection.call('feedback', { traces: [{ id: stored.id, resonance: 0.5 }] });
    expect(healthy.structuredContent).toMatchObject({ applied: [{ id: stored.id }], queued: [] });
    expect(textOf(healthy)).not.toContain('Queued');
  });
});
