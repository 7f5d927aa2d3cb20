import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackOutbox } from './feedback-outbox.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'resonant-outbox-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('FeedbackOutbox', () => {
  it('keeps entries on disk across reopen and hands them back oldest first, per collection', () => {
    const path = join(directory, 'nested', 'outbox.db');
    const writer = FeedbackOutbox.open(path, 'memories');
    writer.append('user:a', [
      { id: 'm1', recalledAt: new Date('2025-01-01T00:00:00Z'), arousal: { target: 1, rate: 0.5 } },
    ]);
    writer.append('user:b', [{ id: 'm2', emotion: { joy: { target: 1, rate: 0.1 } } }]);
    writer.append('user:a', [{ id: 'm1', utility: { target: 0, rate: 0.25 } }]);
    FeedbackOutbox.open(path, 'other-collection').append('user:a', [{ id: 'x' }]);
    writer.close();

    const reader = FeedbackOutbox.open(path, 'memories');
    expect(reader.size).toBe(3);
    const first = reader.first()!;
    expect(first).toMatchObject({
      namespace: 'user:a',
      updates: [{ id: 'm1', recalledAt: new Date('2025-01-01T00:00:00Z'), arousal: { target: 1, rate: 0.5 } }],
    });
    expect(first.updates[0]!.recalledAt).toBeInstanceOf(Date);
    reader.remove(first.sequence);
    expect(reader.first()).toMatchObject({
      namespace: 'user:b',
      updates: [{ id: 'm2', emotion: { joy: { target: 1, rate: 0.1 } } }],
    });
    expect(reader.first()!.updates[0]).not.toHaveProperty('recalledAt');
    reader.reject(reader.first()!.sequence, 'HTTP 400 bad request');
    expect(reader.first()).toMatchObject({
      namespace: 'user:a',
      updates: [{ id: 'm1', utility: { target: 0, rate: 0.25 } }],
    });
    expect(reader.size).toBe(1);
    expect(reader.rejected).toBe(1);
    reader.close();
    expect(FeedbackOutbox.open(path, 'other-collection').size).toBe(1);
  });

  it('queues inserts in order with updates, keeps a rejected insert with its points, and records dropped ids', () => {
    const path = join(directory, 'outbox.db');
    const writer = FeedbackOutbox.open(path, 'memories');
    const point = { id: 'p-1', vector: { dense: [0.5, 0.25] }, payload: { id: 'm1', namespace: 'user:a' } };
    writer.appendInsert([point], 'write-1');
    writer.append('user:a', [{ id: 'm1', utility: { target: 1, rate: 0.5 } }], 'write-2');
    writer.appendInsert([{ ...point, id: 'p-2', payload: { id: 'm2', namespace: 'user:a' } }], 'write-3');
    writer.recordDropped('user:a', ['m9'], 'write-2');
    writer.close();

    const reader = FeedbackOutbox.open(path, 'memories');
    const insert = reader.first()!;
    expect(insert).toMatchObject({ namespace: 'user:a', updates: [], inserts: [point], writeId: 'write-1' });
    reader.remove(insert.sequence);
    const update = reader.first()!;
    expect(update).toMatchObject({ writeId: 'write-2', updates: [{ id: 'm1' }] });
    expect(update).not.toHaveProperty('inserts');
    reader.remove(update.sequence);
    reader.reject(reader.first()!.sequence, 'id exists already');
    expect(reader.size).toBe(0);
    expect(reader.rejected).toBe(1);
    expect(reader.dropped()).toMatchObject([{ namespace: 'user:a', id: 'm9', writeId: 'write-2' }]);
    reader.close();
    const db = new Database(path, { readonly: true });
    const kept = db.prepare('SELECT inserts, reason FROM outbox_rejected').get() as { inserts: string; reason: string };
    db.close();
    expect(JSON.parse(kept.inserts)).toEqual([{ ...point, id: 'p-2', payload: { id: 'm2', namespace: 'user:a' } }]);
    expect(kept.reason).toBe('id exists already');
  });

  it('opens a file written before queued inserts, its entries read as update batches', () => {
    const path = join(directory, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE outbox (sequence INTEGER PRIMARY KEY AUTOINCREMENT, collection TEXT NOT NULL,
      namespace TEXT NOT NULL, updates TEXT NOT NULL, queued_at INTEGER NOT NULL, write_id TEXT);
      CREATE TABLE outbox_rejected (sequence INTEGER PRIMARY KEY, collection TEXT NOT NULL, namespace TEXT NOT NULL,
      updates TEXT NOT NULL, queued_at INTEGER NOT NULL, reason TEXT NOT NULL);
      INSERT INTO outbox (collection, namespace, updates, queued_at, write_id) VALUES ('memories', 'user:a', '[{"id":"m1"}]', 0, 'w');`);
    old.close();
    const outbox = FeedbackOutbox.open(path, 'memories');
    expect(outbox.first()).toEqual({ sequence: 1, namespace: 'user:a', updates: [{ id: 'm1' }], writeId: 'w' });
    outbox.reject(1, 'refused');
    outbox.appendInsert([{ id: 'p', vector: { dense: [1] }, payload: { id: 'm2', namespace: 'user:a' } }], 'w2');
    expect(outbox.first()).toMatchObject({ inserts: [{ id: 'p' }], writeId: 'w2' });
    expect(outbox.rejected).toBe(1);
    outbox.close();
  });

  it('fails with a typed error when the file cannot be opened', () => {
    expect(() => FeedbackOutbox.open(join(directory, 'outbox.db', '\0bad'), 'memories')).toThrow(
      expect.objectContaining({ code: 'store_failure' }),
    );
  });
});
