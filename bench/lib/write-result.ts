import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bench/results/`, resolved from this file so benchmarks can run from any directory. */
export const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../results');

/** Writes a benchmark's result as `bench/results/<name>.json` (with the date and Node version) and returns the path. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  const document = { name, measuredAt: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
