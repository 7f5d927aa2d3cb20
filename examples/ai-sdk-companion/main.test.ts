// Runs the example as CI does (its own process, through tsx, offline) and checks what it prints.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const exampleDir = dirname(fileURLToPath(import.meta.url));

function runExample(env: Record<string, string> = {}) {
  const { AI_GATEWAY_API_KEY: _key, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', join(exampleDir, 'main.ts')], {
    cwd: exampleDir,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
}

describe('examples/ai-sdk-companion', () => {
  it('remembers across three days, cites memories, prints clean answers and the budget report', () => {
    const run = runExample();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const output = run.stdout;
    expect(output).toContain('=== Day 3 (2025-06-06) ===');
    // Day 3 recalls the kitten's name from day 1.
    expect(output).toMatch(
      /Mika: {2}Of course I remember! I remember you told me: "Hi Mika! I just adopted a grey kitten and named her Miso!"/,
    );
    expect(output).not.toMatch(/memory_trace|persona_emotion/);
    expect(output).toMatch(/Budget report after day 3:\ncategory +used +budget +remaining\nsystem +\d+ +600/);
    expect(output).toMatch(/memory +\d+ +400/);
    const summary = output.match(
      /memory used: (\d+) of (\d+) contexts carried memories; (\d+) memories learned from citations; (\d+) of (\d+) exchanges remembered; 0 replies leaked tags; 0 errors/,
    );
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(4);
    expect(Number(summary![3])).toBeGreaterThan(0);
    expect(summary![4]).toBe(summary![5]);
  });

  it('exits non-zero when memory is not used', () => {
    const run = runExample({ COMPANION_MEMORY_BUDGET: '0' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FAILED: memory was not used as expected');
  });
});
