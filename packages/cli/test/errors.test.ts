import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDirectory, runBin } from './run-bin.js';

function storeFile(): string {
  return path.join(makeTempDirectory(), 'memory.db');
}

/** One line on stderr, `resonant: …`, and nothing that looks like a stack trace. */
function expectOneLineError(stderr: string, message: RegExp): void {
  expect(stderr).toMatch(/^resonant: [^\n]+\n$/);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes and errors', () => {
  it('exits 2 with one line for a bad command line', async () => {
    const file = storeFile();
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['recall', '--path', file], /--query is required/],
      [
        ['recall', '--path', file, '--query', 'x', '--limit', 'ten'],
        /--limit must be an integer from 1 to 1000, got "ten"/,
      ],
      [['remember', '--path', file, '--text', 'x', '--arousal', '2'], /--arousal must be a number from 0 to 1/],
      [['remember', '--path', file, '--text', 'x', '--kind', 'dream'], /--kind must be one of/],
      [['context', '--path', file, '--query', 'x'], /--tokens is required/],
      [['stats', '--path', file, '--colour'], /Unknown option '--colour'/],
      [['stats', '--path', file, 'extra'], /Unexpected argument 'extra'/],
      [['stats', '--path', file, '--namespace', ''], /not a valid namespace/],
    ];
    for (const [args, message] of cases) {
      const run = await runBin(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expectOneLineError(run.stderr, message);
      expect(run.stdout).toBe('');
    }
  });

  it('prints usage on stderr with exit 2 when no command is given, on stdout with exit 0 when asked', async () => {
    const bare = await runBin([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^usage: resonant <command>/);
    const help = await runBin(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'remember',
      'recall',
      'context',
      'feedback',
      'consolidate',
      'export',
      'import',
      'stats',
      'namespaces',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    const recallHelp = await runBin(['recall', '--help']);
    expect(recallHelp.code).toBe(0);
    expect(recallHelp.stdout).toMatch(/--query +what to look for/);
  });

  it('exits 1 with one line for a runtime error, and adds the stack trace only with --verbose', async () => {
    const directory = makeTempDirectory();
    fs.writeFileSync(path.join(directory, 'file'), '');
    const blocked = path.join(directory, 'file', 'memory.db');
    const run = await runBin(['stats', '--path', blocked]);
    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, /^resonant: store_failure: cannot create .*file is not a directory\n$/);
    const verbose = await runBin(['stats', '--path', blocked, '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr.split('\n')[0]).toBe(run.stderr.trimEnd());
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it.runIf(process.platform === 'linux')(
    'fails at once, not hangs, when the store cannot be created (/proc)',
    async () => {
      const run = await runBin(['remember', '--path', '/proc/resonant-missing/memory.db', '--text', 'x']);
      expect(run.code).toBe(1);
      expectOneLineError(run.stderr, /store_failure: cannot create \/proc\/resonant-missing\/memory\.db/);
    },
  );

  it('exits 1 when the file is not a store', async () => {
    const file = storeFile();
    fs.writeFileSync(file, 'this is not a database, just text that is long enough to be read as a header '.repeat(20));
    const run = await runBin(['stats', '--path', file]);
    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, /store_failure/);
  });

  it('exits 1 with a line naming the problem for a bad import line or a missing file', async () => {
    const file = storeFile();
    const run = await runBin(['import', '--path', file], { input: '{"type":"header","format":"nope"}\n' });
    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, /^resonant: invalid_input: /);
    const missing = await runBin(['import', '--path', file, '--file', path.join(makeTempDirectory(), 'absent.jsonl')]);
    expect(missing.code).toBe(1);
    expectOneLineError(missing.stderr, /^resonant: ENOENT: no such file or directory, open '.*absent\.jsonl'\n$/);
  });
});
