// Resonant quickstart: remember a short conversation, recall with explained signals, watch a memory
// fade as time passes and come back stronger after being recalled. Offline, embedded store.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMemory, type RecallHit } from '@resonant/core';
import { conversation, NAMESPACE } from './conversation.js';

const path = fileURLToPath(new URL('./.resonant/quickstart.db', import.meta.url));
rmSync(path, { force: true });
rmSync(`${path}-wal`, { force: true });
rmSync(`${path}-shm`, { force: true });

let now = new Date('2026-04-24T21:00:00Z');
const memory = await createMemory({ path, clock: () => now });
await memory.rememberMany(conversation());
console.log(`Remembered ${(await memory.stats({ namespace: NAMESPACE })).count} memories in ${path}\n`);

const show = (title: string, hits: RecallHit[]) => {
  console.log(title);
  console.log('  score  relev  recency  arousal  utility  phrase  memory');
  for (const { score, signals: s, memory: m } of hits) {
    const cells = [score, s.relevance, s.recency, s.arousal, s.utility, s.phrase].map((value) =>
      value.toFixed(2).padStart(5),
    );
    console.log(
      `  ${cells[0]}  ${cells[1]}  ${cells[2]}    ${cells[3]}    ${cells[4]}   ${cells[5]}  ${m.text.slice(0, 60)} (recalled ${m.accessCount}x)`,
    );
  }
  console.log();
};

show(
  '1. "Does my dog like the snow?"',
  await memory.recall({ namespace: NAMESPACE, query: 'Does my dog like the snow?', limit: 3 }),
);
show(
  '2. 「看護師の試験はどうだった？」 (how did the nursing exam go?)',
  await memory.recall({ namespace: NAMESPACE, query: '看護師の試験はどうだった？', limit: 3 }),
);

// Decay: recency halves every 7 days since the last access (10.5 days once recalled, as this one
// was by question 2), computed at query time from `now`: nothing is rewritten.
const question = 'Where are we eating ramen?';
for (const days of [0, 7, 30]) {
  const later = new Date(now.getTime() + days * 86_400_000);
  show(
    `3. "${question}" ${days === 0 ? 'today' : `${days} days later`} (not reinforced)`,
    await memory.recall({ namespace: NAMESPACE, query: question, limit: 1, now: later, reinforce: false }),
  );
}

// Reinforcement: each recall resets the clock and lengthens the half-life (7 -> 10.5 -> 15.8 days).
show(
  '4. Before: "coffee or ramen?"',
  await memory.recall({ namespace: NAMESPACE, query: 'coffee or ramen?', limit: 2, reinforce: false }),
);
for (const day of ['2026-05-01', '2026-05-08']) {
  now = new Date(`${day}T09:00:00Z`);
  await memory.recall({ namespace: NAMESPACE, query: 'How do I take my coffee?', limit: 1 });
}
now = new Date('2026-05-22T09:00:00Z');
show(
  '5. Two weeks after asking about coffee twice: coffee stayed fresh, ramen faded',
  await memory.recall({ namespace: NAMESPACE, query: 'coffee or ramen?', limit: 2, reinforce: false }),
);

await memory.close();
