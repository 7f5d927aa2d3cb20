import { once } from 'node:events';
import type { Command } from '../command.js';
import { serveInspector } from '../inspector/serve-inspector.js';
import { optionalNumber } from '../read-option.js';

/** The inspector's port when `--port` is left out. */
export const INSPECTOR_DEFAULT_PORT = 4747;

/** `resonant inspect [--port P] [--write]`: serves the memory inspector on 127.0.0.1 until interrupted. */
export const inspectCommand: Command = {
  summary: 'serve the memory inspector page on 127.0.0.1 (read-only unless --write)',
  options: {
    port: { type: 'string', description: `the port (default ${INSPECTOR_DEFAULT_PORT}; 0 picks a free one)` },
    write: { type: 'boolean', description: 'let the page remember, apply feedback and consolidate' },
  },
  async run(input) {
    const port = optionalNumber(input, 'port', { min: 0, max: 65_535, integer: true }) ?? INSPECTOR_DEFAULT_PORT;
    const write = input.values.write === true;
    const inspector = await serveInspector({ memory: input.memory, store: input.store, path: input.path, port, write });
    input.io.stdout.write(
      input.json
        ? `${JSON.stringify({ url: inspector.url, write })}\n`
        : `inspector on ${inspector.url} (${write ? 'read-write' : 'read-only'}); Ctrl-C stops it\n`,
    );
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    await inspector.close();
  },
};
