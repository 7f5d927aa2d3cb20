// Runs every bench/<name>/main.ts, each in its own process (tsx) one after another, then prints the
// `summary` of each bench/results/<name>.json in one table. `tsx bench/run-all.ts locomo` runs only
// the benchmarks whose name contains "locomo".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, type Cell } from './lib/print-table.js';
import { RESULTS_DIR } from './lib/write-result.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const names = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, 'main.ts')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();

const outcomes = new Map<string, { status: string; seconds: number }>();
for (const name of names) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, name, 'main.ts')], {
    stdio: 'inherit',
    cwd: join(benchDir, '..'),
  });
  const seconds = (performance.now() - started) / 1000;
  outcomes.set(name, { status: run.status === 0 ? 'ok' : `failed (${run.status ?? run.signal})`, seconds });
}

const rows: Cell[][] = [['benchmark', 'status', 's', 'metric', 'value']];
for (const name of names) {
  const outcome = outcomes.get(name)!;
  const resultPath = join(RESULTS_DIR, `${name}.json`);
  const summary =
    outcome.status === 'ok' && existsSync(resultPath)
      ? (JSON.parse(readFileSync(resultPath, 'utf8')) as { summary?: Record<string, Cell> }).summary
      : undefined;
  const entries = Object.entries(summary ?? {});
  const seconds = outcome.seconds.toFixed(1);
  if (entries.length === 0) rows.push([name, outcome.status, seconds, null, null]);
  entries.forEach(([metric, value], index) =>
    rows.push(index === 0 ? [name, outcome.status, seconds, metric, value] : ['', '', '', metric, value]),
  );
}
console.log('');
printTable(rows, { title: 'Summary (bench/results/*.json)' });
if ([...outcomes.values()].some((outcome) => outcome.status !== 'ok')) process.exitCode = 1;
