import { parseArgs } from 'node:util';
import { MEMORY_DEFAULTS, createMemory } from '../memory/create-memory.js';
import { ResonantError } from '../errors/resonant-error.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createProgressBar } from '../consolidate/progress-bar.js';

/** Where the command line tool writes: a terminal draws the progress bar in place. */
export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const USAGE = `Usage: resonant-consolidate [--path <file>] (--namespace <ns> ... | --all) [--now <ISO date>]

Consolidates memories on the embedded SQLite store: session, daily, weekly and milestone
summaries, archiving what they replace, and entity link repair. Safe to stop and run again.
  --path        SQLite file (default ${MEMORY_DEFAULTS.path})
  --namespace   a namespace to consolidate (repeatable)
  --all         every namespace in the file
  --now         the time to consolidate at (default: the current time)
`;

/**
 * The `resonant-consolidate` command: parses arguments, consolidates each namespace with a progress
 * bar on stderr and one summary line per namespace on stdout. Returns the exit code.
 */
export async function runConsolidateCli(
  argv: readonly string[],
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let values: { path?: string; namespace?: string[]; all?: boolean; now?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        path: { type: 'string' },
        namespace: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    streams.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    streams.stdout.write(USAGE);
    return 0;
  }
  const now = values.now === undefined ? undefined : new Date(values.now);
  if ((now && !Number.isFinite(now.getTime())) || (!values.all && (values.namespace ?? []).length === 0)) {
    streams.stderr.write(USAGE);
    return 2;
  }
  try {
    const store = new SqliteStore({ path: values.path ?? MEMORY_DEFAULTS.path });
    const memory = await createMemory({ store });
    try {
      const namespaces = values.all ? await store.namespaces() : values.namespace!;
      const progress = createProgressBar({ stream: streams.stderr });
      for (const namespace of namespaces) {
        const result = await memory.consolidate({ namespace, now, onProgress: progress });
        if (streams.stderr.isTTY) streams.stderr.write('\n');
        streams.stdout.write(
          `${namespace}: ${result.created.join('/')} summaries (session/day/week/milestone), ${result.archived} archived, ${result.relinked} relinked\n`,
        );
      }
    } finally {
      await memory.close();
    }
    return 0;
  } catch (error) {
    if (!ResonantError.isInstance(error)) throw error;
    streams.stderr.write(`resonant-consolidate: ${error.code}: ${error.message}\n`);
    return 1;
  }
}
