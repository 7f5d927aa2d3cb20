import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemory } from './create-memory.js';
import type { Memory } from './memory.js';

describe('memory.stats', () => {
  let memory: Memory | undefined;
  afterEach(async () => memory?.close());

  it('describes the whole store when called with no namespace', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-stats-')), 'memory.db');
    memory = await createMemory({ path: file });
    await memory.remember({ namespace: 'b', text: 'tea with Mio' });
    await memory.remember({ namespace: 'a', text: 'the lighthouse trip' });
    await memory.remember({ namespace: 'a', text: '灯台の旅' });

    const whole = await memory.stats();
    expect(whole.namespaces).toEqual([
      { namespace: 'a', count: 2 },
      { namespace: 'b', count: 1 },
    ]);
    expect(whole.count).toBe(3);
    expect(whole.embedder.dimensions).toBeGreaterThan(0);
    expect(whole.file?.path).toBe(file);
    expect(whole.file?.bytes).toBeGreaterThan(0);
    expect((await memory.stats({ namespace: 'a' })).count).toBe(2);
  });

  it('has no file for an in-memory store and still rejects a bad namespace', async () => {
    memory = await createMemory({ path: ':memory:' });
    const whole = await memory.stats();
    expect(whole).toMatchObject({ namespaces: [], count: 0 });
    expect(whole.file).toBeUndefined();
    await expect(memory.stats({ namespace: '' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
