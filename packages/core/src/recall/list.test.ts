import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemory } from '../memory/create-memory.js';
import type { Memory } from '../memory/memory.js';

describe('memory.list', () => {
  let memory: Memory | undefined;
  afterEach(async () => memory?.close());

  it('pages a namespace oldest first, filters by metadata, and never crosses namespaces', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-list-'));
    let tick = Date.parse('2025-01-01T00:00:00Z');
    memory = await createMemory({ path: path.join(dir, 'memory.db'), clock: () => new Date((tick += 1000)) });
    for (const [index, text] of ['first', 'second', 'third'].entries()) {
      await memory.remember({ namespace: 'a', text, metadata: { index } });
    }
    await memory.remember({ namespace: 'b', text: 'other namespace' });

    const first = await memory.list({ namespace: 'a', limit: 2 });
    expect(first.records.map((record) => record.text)).toEqual(['first', 'second']);
    const second = await memory.list({ namespace: 'a', limit: 2, after: first.next });
    expect(second.records.map((record) => record.text)).toEqual(['third']);
    expect(second.next).toBeNull();

    const filtered = await memory.list({ namespace: 'a', filter: { metadata: { index: 1 } } });
    expect(filtered.records.map((record) => record.text)).toEqual(['second']);
    expect((await memory.namespaces()).sort()).toEqual(['a', 'b']);
    await expect(memory.list({ namespace: '' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
