// Closing the loop, offline: a companion agent's memory learns from the model's own feedback tags.
//   1. Arousal is estimated from text with no model (the seed's four examples).
//   2. A scripted model answer cites memories with <memory_trace>; the stream is stripped of tags
//      chunk by chunk, feedback nudges arousal and utility, and the ranking changes.
//   3. Over simulated weeks a memory fades, then comes back and turns long-term once it is
//      recalled and cited again.
// Everything is deterministic: a simulated clock and counter ids. Run: pnpm --filter @resonant/example-feedback-loop start
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemory,
  createTagStripper,
  estimateArousal,
  formatNamespace,
  type MemoryRecord,
  type RememberInput,
} from '@resonant/core';
import { halfLifeDays, recallStage, recencyAt } from '@resonant/core/ranking';
import { createEpisode } from '@resonant/core/context';

const DAY_MS = 86_400_000;
const start = new Date('2025-04-01T09:00:00Z');
let now = start;
let nextId = 0;

const dir = mkdtempSync(join(tmpdir(), 'resonant-feedback-loop-'));
const memory = await createMemory({
  path: join(dir, 'memory.db'),
  clock: () => now,
  generateId: () => `mem${String(++nextId).padStart(3, '0')}`,
});
const namespace = formatNamespace({ user: 'aki', agent: 'mika' });

try {
  section('1. Arousal from text, no model');
  for (const text of ['だいすき！嬉しすぎる！', 'わかってくれて…涙が止まらない…', 'うん、ありがと', 'ふーん']) {
    const { arousal, features } = estimateArousal(text);
    console.log(`${arousal.toFixed(2)}  ${text}  (${features.map((feature) => feature.name).join(', ') || 'no cues'})`);
  }

  // Arousal is left out: remember estimates it from the text. Typed episodes bring their own.
  // Told an hour apart, in separate conversations.
  const hourApart = (input: RememberInput, index: number, all: RememberInput[]): RememberInput => ({
    ...input,
    createdAt: new Date(now.getTime() - (all.length - index) * 3_600_000),
  });
  const stored = await memory.rememberMany(
    [
      { namespace, text: 'Aki started cello lessons; the first one was hard.' },
      { namespace, text: "Aki's cat Mochi came from a shelter in Kyoto." },
      { namespace, text: 'Aki prefers green tea to coffee.' },
      { namespace, text: 'Aki plays the cello in a small orchestra on Sundays.' },
      createEpisode({ type: 'achievement', namespace, text: 'Aki passed her cello grade 1 exam!' }),
      createEpisode({
        type: 'bonding',
        namespace,
        text: 'Mika stayed with Aki all night after her exam panic.',
        crisisSeverity: 0.6,
      }),
    ].map(hourApart),
  );
  const [lessons, mochi, tea, orchestra] = stored.map((result) => result.memory);

  section('2. The model cites memories; feedback learns');
  await printRanking('cello', 'before feedback');
  const before = await snapshot([lessons!.id, orchestra!.id, tea!.id]);

  const modelOutput =
    `I remember how hard that first lesson was, and look at you now!<memory_trace id="m:${lessons!.id}" resonance="0.95"/>` +
    ` Still playing on Sundays?<memory_trace id="m:${orchestra!.id}" resonance="0.2"/>` +
    `<memory_trace id="m:${tea!.id}" resonance="0.1"/><memory_trace id="m:nosuchmemory" resonance="1"/>` +
    `<persona_emotion category="joy" intensity="0.8"/>`;
  const stripper = createTagStripper();
  let visible = '';
  for (let offset = 0; offset < modelOutput.length; offset += 7)
    visible += stripper.push(modelOutput.slice(offset, offset + 7));
  const streamEnd = stripper.end();
  visible += streamEnd.text;
  console.log(`model (streamed in 7-character chunks, tags stripped): "${visible}"`);
  console.log(`tags collected: ${streamEnd.tags.length} (${streamEnd.tags.map((tag) => tag.type).join(', ')})`);

  // Three exchanges in a row cite the same memories; each moves arousal and utility 30% of the way.
  let lastResult = null;
  for (let exchange = 0; exchange < 3; exchange++) {
    now = new Date(now.getTime() + 60_000);
    lastResult = await memory.applyFeedback({ namespace, tags: streamEnd.tags, reinforce: false });
  }
  console.log(
    `applied to ${lastResult!.applied.length} memories; ignored: ${lastResult!.ignored.map((entry) => `${entry.id} (${entry.reason})`).join(', ')}`,
  );
  const after = await snapshot([lessons!.id, orchestra!.id, tea!.id]);
  console.log('memory                                                  arousal        utility');
  for (const id of Object.keys(before)) {
    const old = before[id]!;
    const updated = after[id]!;
    console.log(
      `${pad(old.text, 55)} ${old.arousal.toFixed(2)} -> ${updated.arousal.toFixed(2)}   ${old.utility.toFixed(2)} -> ${updated.utility.toFixed(2)}`,
    );
  }
  const exchange = lastResult!.exchange;
  await memory.remember({
    namespace,
    text: `Mika: ${visible}`,
    arousal: exchange.arousal,
    valence: exchange.valence,
    emotion: exchange.emotion,
  });
  console.log(
    `exchange remembered with arousal ${exchange.arousal.toFixed(2)}, valence ${exchange.valence.toFixed(2)} (persona joy 0.8 + text estimate)`,
  );
  await printRanking('cello', 'after feedback');

  section('3. Forgetting and reinforcement over simulated weeks');
  console.log('week  Mochi (recalled + cited from week 4)      green tea (never recalled)');
  for (let week = 0; week <= 16; week++) {
    now = new Date(start.getTime() + week * 7 * DAY_MS);
    if (week >= 4 && week <= 8) {
      // Aki brings Mochi up; recall reinforces the memory, and the model's citation counts as another use.
      await memory.recall({ namespace, query: 'how is Mochi the cat', limit: 1 });
      await memory.applyFeedback({ namespace, text: `<memory_trace id="m:${mochi!.id}" resonance="0.9"/>` });
    }
    const cat = (await memory.get(mochi!.id))!;
    const drink = (await memory.get(tea!.id))!;
    console.log(`${String(week).padStart(4)}  ${describeStrength(cat)}   ${describeStrength(drink)}`);
  }
} finally {
  await memory.close();
  rmSync(dir, { recursive: true, force: true });
}

function describeStrength(record: MemoryRecord): string {
  const strength = recencyAt(record.lastAccessedAt, record.accessCount, now);
  const bar = '#'.repeat(Math.round(strength * 10)).padEnd(10, '.');
  return `${bar} ${strength.toFixed(2)} half-life ${pad(`${halfLifeDays(record.accessCount).toFixed(1)}d`, 6)} ${pad(recallStage(record.accessCount), 10)}`;
}

async function printRanking(query: string, label: string): Promise<void> {
  const hits = await memory.recall({ namespace, query, limit: 3, reinforce: false });
  console.log(`recall "${query}" (${label}):`);
  hits.forEach((hit, index) => {
    console.log(
      `  ${index + 1}. ${pad(hit.memory.text, 55)} score ${hit.score.toFixed(3)}  arousal ${hit.signals.arousal.toFixed(2)}  utility ${hit.signals.utility.toFixed(2)}`,
    );
  });
}

async function snapshot(ids: string[]): Promise<Record<string, { text: string; arousal: number; utility: number }>> {
  const records = await Promise.all(ids.map((id) => memory.get(id)));
  return Object.fromEntries(
    records.map((record) => [record!.id, { text: record!.text, arousal: record!.arousal, utility: record!.utility }]),
  );
}

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
