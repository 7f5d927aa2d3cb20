import { createMemory, SqliteStore } from '@resonant/core';
import { createPersona } from '@resonant/core/persona';

const DAY_MS = 86_400_000;

/** What a filled store holds, for the tests to look for. */
export interface FilledStore {
  namespace: string;
  other: string;
  cat: string;
  tea: string;
}

/**
 * A store as a companion app would leave it: three weeks of conversations (English and Japanese)
 * consolidated into summaries, entities, feedback applied to two memories, a persona with a goal
 * and a question, and a second namespace that must never show up in the first.
 */
export async function fillInspectorStore(file: string): Promise<FilledStore> {
  const namespace = 'user:ana/agent:mika';
  const other = 'user:bo/agent:mika';
  const start = Date.now() - 40 * DAY_MS;
  let now = start;
  const memory = await createMemory({ store: new SqliteStore({ path: file }), clock: () => new Date(now) });
  try {
    const lines = [
      'Ana adopted a grey cat named Mochi from the shelter in Kyoto.',
      'Ana drinks green tea after dinner with her sister Yuki.',
      'アナは京都の大学で看護を勉強している。',
      'Ana was scared when Mochi got lost during the storm.',
      'Yuki visited Ana and they cooked curry together.',
      'アナとユキは東京で寿司を食べた。とても楽しかった！',
      'Ana is preparing for her nursing exam in March.',
    ];
    const inputs = Array.from({ length: 21 }, (_, index) => ({
      namespace,
      text: `${lines[index % lines.length]!}${index >= lines.length ? ` (week ${Math.floor(index / lines.length) + 1})` : ''}`,
      createdAt: new Date(start + index * DAY_MS),
      arousal: index % 4 === 3 ? 0.8 : undefined,
      dedupe: false,
    }));
    await memory.rememberMany(inputs);
    await memory.remember({ namespace: other, text: 'Bo keeps a secret diary about the lighthouse.' });
    now = start + 30 * DAY_MS;
    await memory.consolidate({ namespace });
    // After the sleep: this week's memories, still raw and unarchived, as recall sees them.
    now = start + 31 * DAY_MS;
    const [catMemory, teaMemory] = await memory.rememberMany([
      { namespace, text: 'Mochi the grey cat slept on Ana’s textbooks all evening.' },
      {
        namespace,
        text: 'Ana and Yuki tried a new hojicha tea shop near the station.',
        createdAt: new Date(start + 32 * DAY_MS),
      },
    ]);
    const cat = catMemory!.memory.id;
    const tea = teaMemory!.memory.id;
    now = start + 35 * DAY_MS;
    await memory.applyFeedback({
      namespace,
      text: `Mochi sounds lovely! <memory_trace id="m:${cat}" resonance="0.95"/><memory_trace id="m:${tea}" resonance="0.1"/>`,
    });
    const persona = createPersona({ memory });
    await persona.addGoal({ namespace, text: 'Help Ana get ready for her nursing exam', priority: 0.8 });
    await persona.addQuestion({ namespace, text: 'Did Mochi ever come back to the old shelter?', priority: 0.6 });
    return { namespace, other, cat, tea };
  } finally {
    await memory.close();
  }
}
