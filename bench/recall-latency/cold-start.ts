// One launch of an app, in its own process: open the store, then the first recall, timed from
// before createMemory to the recall's answer. `recall-latency` runs it a few times per size.
// Usage: cold-start.ts <path> <namespace> <query> [warm]
import { createMemory } from '@resonant/core';

const [path, namespace, query, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const started = performance.now();
const memory = await createMemory({ path });
if (mode === 'warm') await memory.warm({ namespace });
const warmedUp = performance.now();
await memory.recall({ namespace, query, reinforce: false });
const answered = performance.now();
await memory.close();
process.stdout.write(
  `${JSON.stringify({ firstRecallMs: answered - started, warmUpMs: warmedUp - started, afterWarmUpMs: answered - warmedUp })}\n`,
);
