import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertBinBuilt, makeTempDirectory, runProcess } from './run-bin.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('pnpm resonant, from the repository root', () => {
  it('runs the bin with its arguments and keeps its exit code', async () => {
    assertBinBuilt();
    const file = path.join(makeTempDirectory(), 'memory.db');
    const remember = await runProcess(
      'pnpm',
      ['resonant', 'remember', '--path', file, '--text', 'Run from the repository root.'],
      { cwd: REPO_ROOT },
    );
    expect(remember.code).toBe(0);
    expect(remember.stdout).toMatch(/^remembered m:\S+ in default$/m);
    // -s drops pnpm's own header lines, so scripts get the JSON alone.
    const stats = await runProcess('pnpm', ['-s', 'resonant', 'stats', '--path', file, '--json'], { cwd: REPO_ROOT });
    expect(JSON.parse(stats.stdout)).toMatchObject({ count: 1 });
    const usage = await runProcess('pnpm', ['-s', 'resonant', 'recall', '--path', file], { cwd: REPO_ROOT });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^resonant: --query is required$/m);
  });
});
