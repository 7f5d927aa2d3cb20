import path from 'node:path';
import { createMemory } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { hasScriptCommand, makeTempDirectory, parseJson, runBin, runBinInTerminal } from './run-bin.js';

const HOUR_MS = 3_600_000;

/** Three weeks of conversations, long enough ago that every session, day and week is over. */
async function fillWeeks(file: string): Promise<void> {
  const start = Date.now() - 60 * 24 * HOUR_MS;
  const memory = await createMemory({ path: file });
  try {
    await memory.rememberMany(
      Array.from({ length: 42 }, (_, index) => ({
        namespace: 'user:ana',
        text:
          index % 2 === 0
            ? `Ana told me about her garden, day ${index >> 1}: the tomatoes are ripening.`
            : `アナは${index >> 1}日目に妹のユキと電話で話した。`,
        createdAt: new Date(start + (index >> 1) * 24 * HOUR_MS + (index % 2) * 10 * 60_000),
        dedupe: false,
      })),
    );
  } finally {
    await memory.close();
  }
}

describe('resonant consolidate', () => {
  it('folds old memories into summaries and says what it did, with nothing on stderr when piped', async () => {
    const file = path.join(makeTempDirectory(), 'memory.db');
    await fillWeeks(file);
    const run = await runBin(['consolidate', '--path', file, '--namespace', 'user:ana']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^summaries \d+\/\d+\/\d+\/\d+ \(sessions\/days\/weeks\/milestones\); archived \d+; relinked \d+\n$/,
    );
    const again = parseJson<{ created: number[] }>(
      await runBin(['consolidate', '--path', file, '--namespace', 'user:ana', '--json']),
    );
    expect(again.created).toEqual([0, 0, 0, 0]);
    const [sessions] = run.stdout.match(/\d+/)!.map(Number);
    expect(sessions).toBeGreaterThan(0);
  });

  it.runIf(hasScriptCommand())('draws a progress bar on a terminal', async () => {
    const file = path.join(makeTempDirectory(), 'memory.db');
    await fillWeeks(file);
    const run = await runBinInTerminal(['consolidate', '--path', file, '--namespace', 'user:ana']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\r\[#+\.*\] summarize sessions \d+\/\d+/);
    expect(run.stdout).toMatch(/summaries [1-9]\d*\//);
  });
});
