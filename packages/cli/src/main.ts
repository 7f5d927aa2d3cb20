#!/usr/bin/env node
// The `resonant` command (see runCli).
import { runCli } from './run-cli.js';

// A reader that leaves early (`resonant export | head`) is not an error; anything else still is.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
