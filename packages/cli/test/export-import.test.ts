import { spawn } from 'node:child_process';
import path from 'node:path';
import { createMemory, IMPORT_BATCH_SIZE, type RememberInput } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { assertBinBuilt, BIN_PATH, makeTempDirectory, parseJson, runBin, runProcess } from './run-bin.js';

const DAY_MS = 86_400_000;

/** A store with more memories than one import batch, in two namespaces, English and Japanese, with signals and entities. */
async function fillStore(
  file: string,
  count: number,
  namespaces: readonly string[] = ['user:ana', 'user:bo', 'user:bo'],
): Promise<void> {
  const start = Date.UTC(2026, 0, 1);
  const memory = await createMemory({ path: file, clock: () => new Date(start + 40 * DAY_MS) });
  try {
    const inputs: RememberInput[] = Array.from({ length: count }, (_, index) => ({
      namespace: namespaces[index % namespaces.length]!,
      text:
        index % 2 === 0
          ? `Day ${index}: Ana walked Mochi along the river and talked about her sister.`
          : `${index}日目：京都で抹茶を飲みながら、妹の話をした。`,
      createdAt: new Date(start + index * 60_000),
      arousal: (index % 10) / 10,
      utility: 0.2 + (index % 5) / 10,
      emotion: { joy: (index % 4) / 4, aversion: 0, trauma: 0 },
      dedupe: false,
    }));
    for (let offset = 0; offset < inputs.length; offset += 400)
      await memory.rememberMany(inputs.slice(offset, offset + 400));
  } finally {
    await memory.close();
  }
}

async function exportLines(file: string, args: string[] = ['--all']): Promise<string[]> {
  const run = await runBin(['export', '--path', file, ...args]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return run.stdout.split('\n').filter((line) => line !== '');
}

async function countIn(file: string): Promise<number> {
  const memory = await createMemory({ path: file });
  try {
    return (await memory.stats()).count;
  } finally {
    await memory.close();
  }
}

describe('resonant export / import', () => {
  it('round-trips a store through a pipe between two processes: every record, signal, vector and link', async () => {
    const directory = makeTempDirectory();
    const source = path.join(directory, 'source.db');
    const target = path.join(directory, 'target.db');
    await fillStore(source, IMPORT_BATCH_SIZE + 250);
    const original = await exportLines(source);

    // A shell pipe, as a user would write it.
    const shell = await runProcess('sh', [
      '-c',
      `"${process.execPath}" "${BIN_PATH}" export --all --path "${source}" | "${process.execPath}" "${BIN_PATH}" import --path "${target}" --json`,
    ]);
    expect(shell.stderr).toBe('');
    const result = JSON.parse(shell.stdout) as { imported: number; entities: number; links: number };
    expect(result.imported).toBe(IMPORT_BATCH_SIZE + 250);
    expect(result.entities).toBeGreaterThan(0);
    expect(result.links).toBeGreaterThan(0);

    const copy = await exportLines(target);
    expect(copy).toHaveLength(original.length);
    expect(new Set(copy)).toEqual(new Set(original));
    expect(original.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('exports one namespace, or all of them, as JSONL a line a record; import reads a file too', async () => {
    const directory = makeTempDirectory();
    const source = path.join(directory, 'source.db');
    await fillStore(source, 30);
    const ana = (await exportLines(source, ['--namespace', 'user:ana'])).map(
      (line) => JSON.parse(line) as { type: string; namespace?: string },
    );
    expect(ana[0]).toMatchObject({ type: 'header', format: 'resonant-memories' });
    expect(ana.filter((line) => line.type === 'memory')).toHaveLength(10);
    expect(ana.slice(1).every((line) => line.namespace === 'user:ana')).toBe(true);

    const file = path.join(directory, 'ana.jsonl');
    await runProcess('sh', [
      '-c',
      `"${process.execPath}" "${BIN_PATH}" export --namespace user:ana --path "${source}" > "${file}"`,
    ]);
    const target = path.join(directory, 'target.db');
    const imported = await runBin(['import', '--path', target, '--file', file]);
    expect(imported).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^imported 10 memories, \d+ entit(y|ies), \d+ links?\n$/),
    });
    expect(parseJson<string[]>(await runBin(['namespaces', '--path', target, '--json']))).toEqual(['user:ana']);
  });

  it('imports as the lines arrive: the first batch is in the store before stdin ends', async () => {
    assertBinBuilt();
    const directory = makeTempDirectory();
    const source = path.join(directory, 'source.db');
    const target = path.join(directory, 'target.db');
    await fillStore(source, IMPORT_BATCH_SIZE + 100, ['user:ana']);
    const lines = await exportLines(source);
    // The header and one batch and a bit, then wait: a reader that slurps stdin would write nothing yet.
    const firstPart = lines.slice(0, IMPORT_BATCH_SIZE + 50);
    const child = spawn(process.execPath, [BIN_PATH, 'import', '--path', target], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.write(`${firstPart.join('\n')}\n`);
    let seen = 0;
    for (let attempt = 0; attempt < 600 && seen < IMPORT_BATCH_SIZE; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await countIn(target).catch(() => 0);
    }
    expect(seen).toBeGreaterThanOrEqual(IMPORT_BATCH_SIZE);
    expect(child.exitCode).toBeNull();
    child.stdin.end(`${lines.slice(firstPart.length).join('\n')}\n`);
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(await countIn(target)).toBe(IMPORT_BATCH_SIZE + 100);
  });

  it('stops quietly when the reader leaves early (export | head)', async () => {
    const directory = makeTempDirectory();
    const source = path.join(directory, 'source.db');
    await fillStore(source, 300);
    const run = await runProcess('sh', [
      '-c',
      `"${process.execPath}" "${BIN_PATH}" export --all --path "${source}" | head -n 1`,
    ]);
    expect(run.stdout).toMatch(/^\{"type":"header"[^\n]*\n$/);
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
  });
});
