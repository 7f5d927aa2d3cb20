// A simulated month with one person (Ana), offline: a scripted user, a mock model that answers with
// persona-emotion tags, and a mock reflection model. Week by week it prints the drives, the open
// questions and goals, and the episodes the persona remembered. Run: pnpm exec tsx examples/persona-month/main.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, parseFeedbackTags } from '@resonant/core';
import { createConversationMemory } from '@resonant/core/adapters';
import { createPersona, type ReflectionModel } from '@resonant/core/persona';

const DAY_MS = 86_400_000;
const NS = 'user:ana/agent:mika';
const directory = mkdtempSync(join(tmpdir(), 'resonant-persona-month-'));
let now = Date.parse('2026-03-02T19:00:00Z');
const clock = () => new Date(now);

const memory = await createMemory({ path: join(directory, 'memory.db'), clock });
const persona = createPersona({ memory });
const contexts: { tokens: number; prefaceTokens: number }[] = [];
const conversation = createConversationMemory({
  memory,
  persona,
  budget: { tokens: 200 },
  clock,
  onContext: (context) => contexts.push(context),
});

/** One exchange: the user's line, the mock model's reply with its persona emotion. */
async function talk(userText: string, reply: string, emotion: string, intensity: number): Promise<void> {
  await conversation.prepareTurn({ namespace: NS, userText });
  const parsed = parseFeedbackTags(`${reply}<persona_emotion category="${emotion}" intensity="${intensity}"/>`);
  conversation.recordTurn({ namespace: NS, userText, assistantText: parsed.text, tags: parsed.tags });
  await conversation.flush();
  now += 5 * 60_000;
}

// The reflection model: a mock that reads the episodes and answers as a model would, in JSON text.
const reflectionModel: ReflectionModel = ({ goals, episodes }) => {
  const exam = goals.find((goal) => goal.status === 'active' && goal.text.includes('exam'));
  const passed = episodes.some((episode) => episode.text.includes('passed'));
  const run = goals.find((goal) => goal.status === 'active' && goal.text.includes('running'));
  return JSON.stringify({
    completed: exam && passed ? [{ goalId: exam.id, note: 'she passed the written part' }] : [],
    abandoned: run && run.abandonProposedAt !== null ? [{ goalId: run.id, reason: 'Ana hurt her knee' }] : [],
    progress: exam && !passed ? [{ goalId: exam.id, progress: 0.5 }] : [],
  });
};

// Every memory the persona wrote carries `metadata.persona`; each week prints the new ones.
let printedUntil = 0;

async function printWeek(week: number): Promise<void> {
  const snapshot = await persona.inspect({ namespace: NS });
  const { boredom, curiosity, goalDrive, relatedness } = snapshot.drives;
  console.log(`\n== week ${week} (${clock().toISOString().slice(0, 10)})`);
  console.log(
    `drives: boredom ${boredom.toFixed(2)}  curiosity ${curiosity.toFixed(2)}  goal ${goalDrive.toFixed(2)}  relatedness ${relatedness.toFixed(2)}`,
  );
  for (const question of snapshot.questions)
    console.log(`question [${question.status}] ${question.text}${question.answer ? ` -> ${question.answer}` : ''}`);
  for (const goal of snapshot.goals)
    console.log(
      `goal [${goal.status}] ${goal.text} (priority ${goal.priority.toFixed(2)}, progress ${goal.progress.toFixed(2)})`,
    );
  const written = (await memory.listRecent({ namespace: NS, limit: 100 })).filter(
    (record) => record.metadata.persona !== undefined && record.createdAt.getTime() > printedUntil,
  );
  for (const record of written.reverse())
    console.log(
      `${record.metadata.episode ?? record.kind} ${record.arousal.toFixed(2)}  ${record.text.replace(/\s+/g, ' ')}`,
    );
  printedUntil = now;
}

// Week 1: they meet; the persona wonders and sets goals.
const sister = (await persona.addQuestion({ namespace: NS, text: 'What is her sister called?', priority: 0.8 }))
  .question!;
const sunday = (await persona.addQuestion({ namespace: NS, text: '日曜日は何をしているの？', priority: 0.6 }))
  .question!;
await persona.addGoal({ namespace: NS, text: 'Help Ana get through her nursing exam', priority: 0.9 });
await persona.addGoal({ namespace: NS, text: 'Get Ana to go running with me', priority: 0.3 });
await talk(
  'Hi Mika, I am Ana. I am studying for my nursing exam.',
  'Nice to meet you, Ana! Do you have a sister?',
  'joy',
  0.6,
);
await persona.askQuestion({ namespace: NS, id: sister.id });
await talk('Yes, my sister Mei lives in Osaka.', 'Mei in Osaka, lovely.', 'love', 0.5);
await persona.resolveQuestion({ namespace: NS, id: sister.id, answer: 'Mei, she lives in Osaka' });
await persona.endConversation({
  namespace: NS,
  text: 'Ana and I met; she is studying for her nursing exam and her sister Mei lives in Osaka.',
});
await printWeek(1);

// Week 2: a hard evening, then making up.
now += 7 * DAY_MS;
await talk(
  'You did not even ask how my day was. I feel alone.',
  'I am sorry, Ana. That was careless of me.',
  'loneliness',
  0.8,
);
now += DAY_MS;
await talk('Thanks for listening yesterday.', 'I am glad you told me. I am here.', 'gratitude', 0.9);
await talk('日曜日はいつもチェロを弾いてるよ。', 'チェロ！素敵だね。', 'love', 1);
await persona.resolveQuestion({ namespace: NS, id: sunday.id, answer: 'チェロを弾いている' });
for (let day = 0; day < 3; day++) {
  now += DAY_MS;
  await talk('Another evening of flashcards.', 'You are doing so well.', 'love', 1);
}
await persona.consolidate({ namespace: NS });
await printWeek(2);

// Week 3: the exam; reflection marks progress, then completion.
now += 5 * DAY_MS;
await persona.reflect({ namespace: NS, model: reflectionModel });
await talk('I passed the written exam!!', 'I knew you would! I am so proud of you.', 'pride', 0.9);
await memory.remember({ namespace: NS, kind: 'episode', text: 'Ana passed the written part of her nursing exam.' });
await persona.reflect({ namespace: NS, model: reflectionModel });
await printWeek(3);

// Week 4 and after: a quiet stretch; time alone moves the drives (decay, archiving, goal review).
now += 12 * DAY_MS;
await printWeek(4);
now += 20 * DAY_MS;
await persona.reflect({ namespace: NS, model: reflectionModel });
await printWeek(5);

const measured = contexts.filter((context) => context.prefaceTokens > 0);
console.log(
  `\non my mind: ${measured.length} of ${contexts.length} contexts carried it, ${Math.min(...measured.map((c) => c.prefaceTokens))}-${Math.max(...measured.map((c) => c.prefaceTokens))} tokens; largest block ${Math.max(...contexts.map((c) => c.tokens))} of 200`,
);

await memory.close();
rmSync(directory, { recursive: true, force: true });
