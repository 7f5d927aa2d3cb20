import type { Memory, SqliteStore } from '@resonant/core';
import type { CliIo } from './cli-io.js';

/** The parsed command line a command runs with. */
export interface CommandInput {
  memory: Memory;
  /** The memory's store, for what only the store lists (entities, links, persona state, feedback log). */
  store: SqliteStore;
  namespace: string;
  path: string;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
}

/** One `resonant` subcommand: its own options (besides the global ones) and what it does. */
export interface Command {
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  run(input: CommandInput): Promise<void>;
}

/** What a command that works on the store file itself (without opening it as a memory) runs with. */
export type FileCommandInput = Omit<CommandInput, 'memory' | 'store'>;

/**
 * A subcommand that must not open the store as a memory first, because opening is what it fixes
 * (`reembed`: a store built with another embedder does not open with the CLI's).
 */
export interface FileCommand {
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  runOnFile(input: FileCommandInput): Promise<void>;
}
