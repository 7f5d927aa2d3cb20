import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { assertBinBuilt, BIN_PATH } from './run-bin.js';

/** A `resonant inspect` process the test started, and where it listens. */
export interface RunningInspector {
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `resonant inspect --port 0 --json …args` and waits for the line that names its URL. */
export async function startInspector(args: readonly string[]): Promise<RunningInspector> {
  assertBinBuilt();
  const child = spawn(process.execPath, [BIN_PATH, 'inspect', '--port', '0', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line && stdout.includes('\n')) resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then((code) => reject(new Error(`resonant inspect exited ${code} before listening: ${stderr}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** What a raw HTTP request got back. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly this path and these headers (no URL normalising, unlike fetch). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A JSON API answer from the running inspector, as the page's own requests send them. */
export async function api<T>(
  inspector: RunningInspector,
  path: string,
  body?: Record<string, unknown>,
): Promise<{ status: number; body: T }> {
  const response = await rawRequest(inspector.port, {
    method: body ? 'POST' : 'GET',
    path,
    headers: body ? { 'content-type': 'application/json', origin: `http://127.0.0.1:${inspector.port}` } : {},
    ...(body && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: JSON.parse(response.body) as T };
}
