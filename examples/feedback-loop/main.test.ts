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

function lines(): string[] {
  return output.split('\n');
}

function rankingAfter(label: string): string[] {
  const start = lines().findIndex((line) => line.includes(`(${label})`));
  return lines().slice(start + 1, start + 4);
}

describe('examples/feedback-loop', () => {
  it('prints the seed arousal examples in the right order', () => {
    const value = (text: string) =>
      Number(
        lines()
          .find((line) => line.includes(text))!
          .trim()
          .split(/\s+/)[0],
      );
    expect(value('だいすき！嬉しすぎる！')).toBeGreaterThanOrEqual(0.6);
    expect(value('涙が止まらない')).toBeGreaterThanOrEqual(0.6);
    expect(value('うん、ありがと')).toBeLessThanOrEqual(0.25);
    expect(value('ふーん')).toBe(0);
  });

  it('streams the model answer without a single tag and ignores the unknown id', () => {
    const streamed = lines().find((line) => line.startsWith('model (streamed'))!;
    expect(streamed).toContain(
      '"I remember how hard that first lesson was, and look at you now! Still playing on Sundays?"',
    );
    expect(streamed).not.toMatch(/<|memory_trace|persona_emotion/);
    expect(output).toContain('tags collected: 5');
    expect(output).toContain('ignored: nosuchmemory (not_found)');
  });

  it('shows feedback raising the cited memory and reordering the ranking', () => {
    expect(output).toMatch(/Aki started cello lessons; the first one was hard\.\s+0\.00 -> 0\.62\s+0\.50 -> 0\.80/);
    const before = rankingAfter('before feedback');
    const after = rankingAfter('after feedback');
    expect(before[1]).toContain('orchestra');
    expect(before[2]).toContain('first one was hard');
    expect(after[1]).toContain('first one was hard');
    expect(after[2]).toContain('orchestra');
  });

  it('shows a memory fading, coming back after reinforcement and turning long-term', () => {
    const week = (n: number) => lines().find((line) => new RegExp(`^\\s*${n}  `).test(line))!;
    const strengths = (n: number) => [...week(n).matchAll(/ (\d\.\d\d) half-life/g)].map((match) => Number(match[1]));
    expect(strengths(3)[0]).toBeLessThan(0.2);
    expect(strengths(4)[0]).toBe(1);
    expect(strengths(16)[0]).toBeGreaterThan(0.75);
    expect(week(16)).toMatch(/long-term.*short-term/);
    expect(strengths(16)[1]).toBe(0);
  });
});
