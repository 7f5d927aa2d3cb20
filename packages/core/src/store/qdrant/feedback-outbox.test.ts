import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('fails with a typed error when the file cannot be opened', () => {
    expect(() => FeedbackOutbox.open(join(directory, 'outbox.db', '\0bad'), 'memories')).toThrow(
      expect.objectContaining({ code: 'store_failure' }),
    );
  });
});
