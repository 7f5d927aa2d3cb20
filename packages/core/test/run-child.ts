import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Starts a TypeScript fixture in a separate Node process (through tsx), as a second app would. */
export function startChild(fixture: string, args: readonly string[]): ChildProcess {
  const script = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line that starts with `prefix`; rejects if the child exits first. */
export function waitForLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(prefix)) resolve(line.slice(prefix.length).trim());
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before "${prefix}": ${stderr}`)),
    );
  });
}

/** Resolves when the child has exited, with its exit code or signal. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.on('exit', (code, signal) => resolve(code ?? signal));
  });
}
