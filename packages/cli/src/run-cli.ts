import { parseArgs } from 'node:util';
import {
  createMemory,
  isValidNamespace,
  MEMORY_DEFAULTS,
  ResonantError,
  SqliteStore,
  type Memory,
} from '@resonant/core';
import type { CliIo } from './cli-io.js';
import type { Command, FileCommand } from './command.js';
import { consolidateCommand } from './commands/consolidate-command.js';
import { contextCommand } from './commands/context-command.js';
import { exportCommand } from './commands/export-command.js';
import { feedbackCommand } from './commands/feedback-command.js';
import { importCommand } from './commands/import-command.js';
import { inspectCommand } from './commands/inspect-command.js';
import { namespacesCommand } from './commands/namespaces-command.js';
import { recallCommand } from './commands/recall-command.js';
import { reembedCommand } from './commands/reembed-command.js';
import { rememberCommand } from './commands/remember-command.js';
import { statsCommand } from './commands/stats-command.js';
import { UsageError } from './usage-error.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Readonly<Record<string, Command | FileCommand>> = Object.freeze({
  remember: rememberCommand,
  recall: recallCommand,
  context: contextCommand,
  feedback: feedbackCommand,
  consolidate: consolidateCommand,
  export: exportCommand,
  import: importCommand,
  stats: statsCommand,
  namespaces: namespacesCommand,
  inspect: inspectCommand,
  reembed: reembedCommand,
});

const GLOBAL_OPTIONS = {
  path: { type: 'string', description: `the store file (default ${MEMORY_DEFAULTS.path})` },
  namespace: { type: 'string', description: 'the namespace (default "default")' },
  json: { type: 'boolean', description: 'machine-readable output' },
  verbose: { type: 'boolean', description: 'stack traces on errors' },
  help: { type: 'boolean', description: 'this help' },
} as const;

/** The exit codes: 0 success, 1 a runtime error, 2 a command line the CLI cannot run. */
export const EXIT_CODES = Object.freeze({ ok: 0, failure: 1, usage: 2 });

/** Runs one `resonant` command line and returns its exit code; errors are one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let memory: Memory | undefined;
  let verbose = argv.includes('--verbose');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === 'help') {
      // Asked for, help is the output; a bare `resonant` is a usage error, its help goes to stderr.
      (name === undefined ? io.stderr : io.stdout).write(usage());
      return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    const command = COMMANDS[name];
    if (command === undefined || !Object.hasOwn(COMMANDS, name))
      throw new UsageError(`unknown command "${name}" (try: resonant --help)`);
    const options = { ...GLOBAL_OPTIONS, ...command.options };
    const { values } = parseCommandLine(rest, options);
    verbose = values.verbose === true;
    if (values.help === true) {
      io.stdout.write(commandUsage(name, command));
      return EXIT_CODES.ok;
    }
    const namespace = typeof values.namespace === 'string' ? values.namespace : 'default';
    if (!isValidNamespace(namespace))
      throw new UsageError(`--namespace ${JSON.stringify(namespace)} is not a valid namespace`);
    const path = typeof values.path === 'string' ? values.path : MEMORY_DEFAULTS.path;
    if ('runOnFile' in command) {
      await command.runOnFile({ namespace, path, json: values.json === true, values, io });
      return EXIT_CODES.ok;
    }
    const store = new SqliteStore({ path });
    memory = await createMemory({ store });
    await command.run({ memory, store, namespace, path, json: values.json === true, values, io });
    return EXIT_CODES.ok;
  } catch (error) {
    // The reader went away (`resonant export | head`): what it wanted, it got.
    if (isBrokenPipe(error)) return EXIT_CODES.ok;
    const usageError = error instanceof UsageError;
    io.stderr.write(`resonant: ${oneLine(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return usageError ? EXIT_CODES.usage : EXIT_CODES.failure;
  } finally {
    await memory?.close();
  }
}

function parseCommandLine(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''),
    );
  }
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/** The error's message on one line, led by its code when it is a Resonant error (Node's own messages carry theirs). */
function oneLine(error: unknown): string {
  const code = ResonantError.isInstance(error) ? `${error.code}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${code}${message.replace(/\s*\n\s*/g, ' ')}`;
}

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  return [
    'usage: resonant <command> [--path FILE] [--namespace NS] [--json] [options]',
    '',
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`),
    '',
    'resonant <command> --help shows its options. Exit codes: 0 ok, 1 runtime error, 2 bad usage.',
    '',
  ].join('\n');
}

function commandUsage(name: string, command: Command | FileCommand): string {
  const entries = Object.entries({ ...command.options, ...GLOBAL_OPTIONS });
  const width = Math.max(...entries.map(([option]) => option.length)) + 2;
  return [
    `resonant ${name}: ${command.summary}`,
    '',
    ...entries.map(([option, spec]) => `  --${option.padEnd(width)}${spec.description}`),
    '',
  ].join('\n');
}
