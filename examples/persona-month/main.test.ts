// Runs the example as a user would (its own process, through tsx) and checks what it prints.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const exampleDir = dirname(fileURLToPath(import.meta.url));
let output = '';

beforeAll(() => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(exampleDir, 'main.ts')], {
    cwd: exampleDir,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  output = run.stdout;
});

const week = (n: number) => output.split('\n== week ')[n]!;
const drive = (n: number, name: string) => Number(new RegExp(`${name} (\\d\\.\\d\\d)`).exec(week(n))![1]);

describe('examples/persona-month', () => {
  it('prints five weeks of drives', () => {
    expect(output.split('\n== week ')).toHaveLength(6);
    expect(drive(1, 'curiosity')).toBeGreaterThan(0);
    expect(drive(2, 'curiosity')).toBe(0);
    expect(drive(2, 'relatedness')).toBeGreaterThan(drive(1, 'relatedness'));
    expect(drive(4, 'boredom')).toBe(1);
    expect(drive(5, 'goal')).toBe(0);
  });

  it('remembers a discovery, a bonding after the hard evening, facts at consolidation and an achievement', () => {
    expect(week(1)).toMatch(/discovery 0\.60 {2}I found out: What is her sister called\?/);
    expect(week(2)).toMatch(/bonding 0\.82 {2}つらい時を一緒に乗り越えた/);
    expect(week(2)).toMatch(/fact \d\.\d\d {2}日曜日は何をしているの？ → チェロを弾いている/);
    expect(week(3)).toMatch(/achievement 0\.80 {2}We reached a goal: Help Ana get through her nursing exam/);
  });

  it('archives consolidated questions a week later and abandons the proposed goal', () => {
    expect(week(3)).toContain('question [consolidated]');
    expect(week(4)).not.toContain('question [');
    expect(week(5)).toContain('goal [abandoned] Get Ana to go running with me');
  });

  it('keeps "on my mind" inside the 200-token budget', () => {
    const [, carried, total, low, high, largest] =
      /on my mind: (\d+) of (\d+) contexts carried it, (\d+)-(\d+) tokens; largest block (\d+) of 200/
        .exec(output)!
        .map(Number);
    expect(carried).toBe(total);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(100);
    expect(largest).toBeLessThanOrEqual(200);
  });
});
