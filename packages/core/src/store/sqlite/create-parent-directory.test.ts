import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResonantError } from '../../errors/resonant-error.js';
import { createParentDirectory } from './create-parent-directory.js';

describe('createParentDirectory', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('creates every missing level', () => {
    root = mkdtempSync(join(tmpdir(), 'resonant-dir-'));
    createParentDirectory(join(root, 'a', 'b', 'memory.db'));
    expect(statSync(join(root, 'a', 'b')).isDirectory()).toBe(true);
    createParentDirectory(join(root, 'a', 'b', 'memory.db'));
  });

  it('fails with a store error when a parent is a file', () => {
    root = mkdtempSync(join(tmpdir(), 'resonant-dir-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => createParentDirectory(join(root!, 'file', 'memory.db'))).toThrow(/file is not a directory/);
  });

  it.runIf(process.platform === 'linux')('fails instead of looping where mkdir answers ENOENT (/proc)', () => {
    let thrown: unknown;
    try {
      createParentDirectory('/proc/resonant-missing/deeper/memory.db');
    } catch (error) {
      thrown = error;
    }
    expect(ResonantError.isInstance(thrown) && thrown.code).toBe('store_failure');
  });
});
