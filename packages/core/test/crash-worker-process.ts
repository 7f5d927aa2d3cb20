import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./fixtures/crash-worker.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** What the worker may do: see the protocol at the top of fixtures/crash-worker.mjs. */
export type WorkerRole = 'writer' | 'consolidator' | 'mixed';

/** A running crash worker and everything it has acknowledged so far. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Ids from `ack` lines: writes whose promise resolved before the line was printed. */
  readonly acknowledged: string[];
  /** Count of each line kind (`ack`, `feedback`, `consolidated`, `recalled`, `error <code>`, `done`). */
  readonly seen: Map<string, number>;
  /** Resolves at the first line that starts with `prefix`; rejects when the worker exits first. */
  waitFor(prefix: string): Promise<void>;
  /** Resolves with the exit code or signal. */
  readonly exit: Promise<number | NodeJS.Signals | null>;
  /** Everything the worker wrote to stderr. */
  stderr(): string;
}

/** Starts the worker on the built package (run `pnpm build` first: the child needs dist). */
export function startWorker(options: {
  path: string;
  namespace: string;
  seed: number;
  role: WorkerRole;
  /** Rounds before a clean exit; 0 = until killed. */
  operations: number;
}): WorkerProcess {
  if (!existsSync(BUILT)) throw new TypeError(`${BUILT} is missing: run \`pnpm build\` before the crash tests`);
  const child = spawn(
    process.execPath,
    [WORKER, options.path, options.namespace, String(options.seed), options.role, String(options.operations)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const acknowledged: string[] = [];
  const seen = new Map<string, number>();
  const waiters: { prefix: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  let stderr = '';
  let exitedWith: string | null = null;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [kind = '', ...rest] = line.split(' ');
    const key = kind === 'error' ? line : kind;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (kind === 'ack') acknowledged.push(...rest);
    for (const waiter of waiters.filter((candidate) => line.startsWith(candidate.prefix))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exitedWith = String(code ?? signal);
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`worker exited (${code ?? signal}): ${stderr}`));
      resolve(code ?? signal);
    }),
  );
  return {
    child,
    acknowledged,
    seen,
    exit,
    stderr: () => stderr,
    waitFor: (prefix) =>
      new Promise((resolve, reject) => {
        if (exitedWith !== null) reject(new Error(`worker already exited (${exitedWith}): ${stderr}`));
        else waiters.push({ prefix, resolve, reject });
      }),
  };
}
