// Runs the example as CI does (its own process, through tsx, offline) and checks what it prints.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const exampleDir = dirname(fileURLToPath(import.meta.url));
const runExample = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(exampleDir, 'main.ts')], {
    cwd: exampleDir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('examples/langgraph-agent', () => {
  it('recalls facts from another thread through the ResonantStore, per user', () => {
    const run = runExample();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '[alice-friday, 2 messages in thread] alice: Where does my sister Hana live?\n  agent: You told me: "My sister Hana lives in Osaka."',
    );
    expect(run.stdout).toContain('agent: You told me: "I am learning the cello on Sundays."');
    expect(run.stdout).toContain("bob: Where does my sister live?\n  agent: I don't know that yet.");
    expect(run.stdout).toContain('store.listNamespaces(): [["users","alice","memories"]]');
    expect(run.stdout).toMatch(/fact-1 score 0\.\d+ utility 0\.(5[1-9]|[6-9]\d)/); // cited, so its utility rose above the 0.5 prior
    expect(run.stdout).not.toMatch(/memory_trace|persona_emotion/);
    expect(run.stdout).toContain(
      "memory used: sister recalled across threads true; cello recalled true; friday thread held monday's messages false; bob saw alice's memory false; 0 errors",
    );
  });

  it('exits non-zero when memory is not used', () => {
    const run = runExample({ AGENT_MEMORY_BUDGET: '0' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FAILED: memory was not used as expected');
  });
});
