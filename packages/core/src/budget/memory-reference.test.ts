import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CONTEXT, conformanceMemory } from '../store/conformance/conformance-memory.js';
import type { MemoryStore } from '../store/memory-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { memoryReference, resolveReferences, shortReferences } from './memory-reference.js';

describe('short memory references', () => {
  let dir: string;
  let store: SqliteStore;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resonant-reference-'));
    store = new SqliteStore({ path: path.join(dir, 'memory.db') });
    await store.open(CONFORMANCE_CONTEXT);
    await store.insert([
      conformanceMemory({ id: 'abcd1111wxyz', namespace: 'a', text: 'one' }),
      conformanceMemory({ id: 'abcd2222wxyz', namespace: 'a', text: 'two' }),
      conformanceMemory({ id: 'abce3333wxyz', namespace: 'a', text: 'three' }),
      conformanceMemory({ id: 'abc', namespace: 'a', text: 'short id' }),
      // Another namespace's ids never make a prefix ambiguous, and are never resolved into.
      conformanceMemory({ id: 'abce9999wxyz', namespace: 'b', text: 'elsewhere' }),
      conformanceMemory({ id: 'zzzz0000wxyz', namespace: 'b', text: 'elsewhere' }),
    ]);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cites each memory by the shortest prefix no other memory of its namespace shares, four characters at least', async () => {
    const references = await shortReferences(store, 'a', ['abcd1111wxyz', 'abcd2222wxyz', 'abce3333wxyz', 'abc']);
    expect(Object.fromEntries(references)).toEqual({
      abcd1111wxyz: 'm:abcd1',
      abcd2222wxyz: 'm:abcd2',
      abce3333wxyz: 'm:abce',
      abc: 'm:abc',
    });
  });

  it('reads cited references back as ids: whole ids, unique prefixes, with or without m:', async () => {
    const resolved = await resolveReferences(store, 'a', [
      'm:abcd1',
      'abce',
      'M: abcd2222wxyz',
      'm:abcd',
      'm:zzzz',
      'm:abc',
    ]);
    expect(Object.fromEntries(resolved)).toEqual({
      'm:abcd1': 'abcd1111wxyz',
      abce: 'abce3333wxyz',
      'M: abcd2222wxyz': 'abcd2222wxyz',
      // Ambiguous, or only in another namespace: left as cited, so callers report it as not found.
      'm:abcd': 'abcd',
      'm:zzzz': 'zzzz',
      'm:abc': 'abc',
    });
  });

  it('falls back to whole ids for a store that cannot look ids up by prefix', async () => {
    const plain = { get: store.get.bind(store) } as unknown as MemoryStore;
    expect(Object.fromEntries(await shortReferences(plain, 'a', ['abcd1111wxyz']))).toEqual({
      abcd1111wxyz: memoryReference('abcd1111wxyz'),
    });
    expect(Object.fromEntries(await resolveReferences(plain, 'a', ['m:abce']))).toEqual({ 'm:abce': 'abce' });
  });
});
