#!/usr/bin/env node
// The `resonant-consolidate` command (see runConsolidateCli).
import { runConsolidateCli } from './run-consolidate-cli.js';

process.exitCode = await runConsolidateCli(process.argv.slice(2));
