import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The built bin; tests run it as users do, from dist. */
export const BIN_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

const SOURCE_DIRECTORY = path.resolve(path.dirname(BIN_PATH), '../src');

/** Fails with a clear message when the package has not been built, or was built before its sources last changed. */
export function assertBinBuilt(): void {
  const build = 'run "pnpm --filter @resonant/cli... build" first (the root "pnpm test" builds)';
  if (!fs.existsSync(BIN_PATH)) throw new Error(`${BIN_PATH} is missing: ${build}.`);
  const sources = fs
    .readdirSync(SOURCE_DIRECTORY, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|css|html)$/.test(file) && !file.endsWith('.test.ts'));
  const newest = Math.max(...sources.map((file) => fs.statSync(path.join(SOURCE_DIRECTORY, file)).mtimeMs));
  if (newest > fs.statSync(BIN_PATH).mtimeMs) throw new Error(`${BIN_PATH} is older than its sources: ${build}.`);
}

/** What one run of the bin left behind. */
export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runBin}. */
export interface RunBinOptions {
  /** Written to the bin's stdin, which is then closed; absent: stdin is closed at once. */
  input?: string | NodeJS.ReadableStream;
  cwd?: string;
}

/** Runs `node dist/main.js …args` to completion, with piped (non-terminal) streams. */
export function runBin(args: readonly string[], options: RunBinOptions = {}): Promise<BinRun> {
  assertBinBuilt();
  return runProcess(process.execPath, [BIN_PATH, ...args], options);
}

/** Runs any program to completion and collects its output. */
export function runProcess(command: string, args: readonly string[], options: RunBinOptions = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input === undefined) child.stdin.end();
    else if (typeof options.input === 'string') child.stdin.end(options.input);
    else options.input.pipe(child.stdin);
  });
}

/** Runs the bin in a pseudo-terminal (util-linux `script`), as a person at a terminal would: stdout and stderr arrive merged. */
export function runBinInTerminal(args: readonly string[], options: { cwd?: string } = {}): Promise<BinRun> {
  assertBinBuilt();
  const command = [process.execPath, BIN_PATH, ...args].map(shellQuote).join(' ');
  return runProcess('script', ['--quiet', '--return', '--command', command, '/dev/null'], options);
}

/** Whether `script` (util-linux) is on PATH, for the terminal tests. */
export function hasScriptCommand(): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((directory) => fs.existsSync(path.join(directory, 'script')));
}

function shellQuote(argument: string): string {
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

const temporaryDirectories: string[] = [];

// Registered for every test file that imports this module.
afterAll(() => {
  for (const directory of temporaryDirectories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test file's last test. */
export function makeTempDirectory(prefix = 'resonant-cli-'): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

/** Parses the bin's `--json` stdout (one JSON document). */
export function parseJson<T>(run: BinRun): T {
  if (run.code !== 0) throw new Error(`the bin exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
