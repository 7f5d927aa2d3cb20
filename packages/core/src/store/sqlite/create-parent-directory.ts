import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreFailureError } from '../../errors/store-failure-error.js';

/**
 * Creates the directory a database file goes in, one missing level at a time. Node's
 * `mkdirSync(…, { recursive: true })` never returns where mkdir answers ENOENT under a parent
 * that exists (`/proc/x/y`), so an unwritable path would hang instead of failing.
 */
export function createParentDirectory(file: string): void {
  const missing: string[] = [];
  let directory = dirname(resolve(file));
  while (!exists(directory)) {
    missing.push(directory);
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  if (exists(directory) && !statSync(directory).isDirectory())
    throw new StoreFailureError(`cannot create ${file}: ${directory} is not a directory`);
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(level).isDirectory()) continue;
      throw new StoreFailureError(`cannot create ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
