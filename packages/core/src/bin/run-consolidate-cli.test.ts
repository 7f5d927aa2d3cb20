import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../test/temp-directory.js';
import { createMemory } from '../memory/create-memory.js';
import { createProgressBar } from '../consolidate/progress-bar.js';
import { runConsolidateCli } from './run-consolidate-cli.js';

const tempDirectory = useTempDirectory();
const START = Date.UTC(2026, 1, 2, 9);

function collector(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => chunks.join('') });
}

async function seed(path: string): Promise<void> {
  const memory = await createMemory({ path });
  for (const namespace of ['user:ana', 'user:bo']) {
    await memory.rememberMany(
      [0, 1, 2].map((turn) => ({
        namespace,
        text: `${namespace} note number ${turn} about gardening ${turn * 7}`,
        createdAt: new Date(START + turn * 60_000),
      })),
    );
  }
  await memory.close();
}

describe('resonant-consolidate', () => {
  it('consolidates every namespace and draws a progress bar on a terminal', async () => {
    const path = join(tempDirectory(), 'memory.db');
    await seed(path);
    const stdout = collector(false);
    const stderr = collector(true);
    expect(
      await runConsolidateCli(['--path', path, '--all', '--now', new Date(START + 3 * 86_400_000).toISOString()], {
        stdout,
        stderr,
      }),
    ).toBe(0);
    expect(stdout.text().trim().split('\n')).toEqual([
      'user:ana: 1/1/0/0 summaries (session/day/week/milestone), 3 archived, 0 relinked',
      'user:bo: 1/1/0/0 summaries (session/day/week/milestone), 3 archived, 0 relinked',
    ]);
    expect(stderr.text()).toContain('\r[############################] summarize sessions 1/1');
  });

  it('rejects missing arguments with usage and exit code 2', async () => {
    const stdout = collector(false);
    const stderr = collector(false);
    expect(await runConsolidateCli(['--path', 'x.db'], { stdout, stderr })).toBe(2);
    expect(await runConsolidateCli(['--bogus'], { stdout, stderr })).toBe(2);
    expect(stderr.text()).toContain('Usage: resonant-consolidate');
  });

  it('runs as a command in its own process', async () => {
    const path = join(tempDirectory(), 'memory.db');
    await seed(path);
    const bin = fileURLToPath(new URL('./resonant-consolidate.ts', import.meta.url));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        bin,
        '--path',
        path,
        '--namespace',
        'user:bo',
        '--now',
        new Date(START + 86_400_000).toISOString(),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('user:bo: 1/1/0/0 summaries (session/day/week/milestone), 0 archived, 0 relinked\n');
    // Not a terminal: one plain line per finished step.
    expect(run.stderr).toContain('summarize sessions: 1/1\n');
  });
});

describe('createProgressBar', () => {
  it('writes a line per finished step when the stream is not a terminal', () => {
    const stream = collector(false);
    const bar = createProgressBar({ stream });
    bar({ namespace: 'n', phase: 'summarize', level: 1, done: 1, total: 4 });
    bar({ namespace: 'n', phase: 'summarize', level: 1, done: 4, total: 4 });
    bar({ namespace: 'n', phase: 'archive', level: null, done: 0, total: 0 });
    expect(stream.text()).toBe('summarize days: 4/4\narchive: 0/0\n');
  });
});
