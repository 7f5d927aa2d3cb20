// A LangGraph agent whose long-term store is Resonant. Alice tells it facts in one thread (Monday);
// in a new thread (Friday) it has none of Monday's messages, yet answers from the store. Bob, another
// user, gets nothing of Alice's. Offline, with a scripted chat model. Exits 1 if memory was not used.
//
//   pnpm --filter @resonant/example-langgraph-agent start
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import {
  END,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import { createMemory } from '@resonant/core';
import {
  createResonantRunnables,
  RESONANT_STORE_DEFAULTS,
  ResonantStore,
  toResonantNamespace,
} from '@resonant/langchain';
import { ScriptedAgentModel } from './scripted-agent-model.js';

const SCRIPT = [
  { user: 'alice', thread: 'alice-monday', date: '2025-06-02T09:00:00Z', text: 'My sister Hana lives in Osaka.' },
  { user: 'alice', thread: 'alice-monday', date: '2025-06-02T09:05:00Z', text: 'I am learning the cello on Sundays.' },
  { user: 'alice', thread: 'alice-friday', date: '2025-06-06T20:00:00Z', text: 'Where does my sister Hana live?' },
  { user: 'alice', thread: 'alice-friday', date: '2025-06-06T20:02:00Z', text: 'Which instrument am I learning?' },
  { user: 'bob', thread: 'bob-friday', date: '2025-06-06T21:00:00Z', text: 'Where does my sister live?' },
];

const directory = mkdtempSync(join(tmpdir(), 'resonant-langgraph-'));
let now = new Date(SCRIPT[0]!.date);
const memory = await createMemory({ path: join(directory, 'memory.db'), clock: () => now });
const store = new ResonantStore({ memory, fields: ['text'] }); // remember and search the fact, not its bookkeeping
const memoriesOf = (config: RunnableConfig | undefined) => ['users', String(config?.configurable?.user), 'memories'];
const errors: string[] = [];
const { injectContext, stripFeedback, flush } = createResonantRunnables({
  memory,
  // The chain reads the same Resonant namespace the store writes for ['users', <user>, 'memories'].
  namespace: (config) => toResonantNamespace(memoriesOf(config), RESONANT_STORE_DEFAULTS.prefix),
  budget: { tokens: Number(process.env.AGENT_MEMORY_BUDGET ?? 300) },
  remember: false, // the graph decides what to keep, through the store
  onError: (error, stage) => errors.push(`${stage}: ${error instanceof Error ? error.message : String(error)}`),
});
const model = new ScriptedAgentModel({});

/** Keeps statements (not questions) as facts in the user's store namespace. */
async function memorize(state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) {
  const said = state.messages.at(-1)!.text.trim();
  if (said.endsWith('?')) return {};
  const namespace = memoriesOf(config);
  const known = await config.store!.search(namespace, { limit: 1000 });
  await config.store!.put(namespace, `fact-${known.length + 1}`, {
    text: said,
    thread: String(config.configurable?.thread_id),
  });
  return {};
}

/** Answers with the budgeted memories in the system prompt; the user sees the reply without tags. */
async function respond(state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) {
  const messages = await injectContext.invoke(state.messages, config);
  const reply = await model.pipe(stripFeedback).invoke(messages, config);
  return { messages: [new AIMessage(reply)] };
}

const graph = new StateGraph(MessagesAnnotation)
  .addNode('memorize', memorize)
  .addNode('respond', respond)
  .addEdge(START, 'memorize')
  .addEdge('memorize', 'respond')
  .addEdge('respond', END)
  .compile({ store, checkpointer: new MemorySaver() });

const answers = new Map<string, string>();
for (const turn of SCRIPT) {
  now = new Date(turn.date);
  const config = { configurable: { thread_id: turn.thread, user: turn.user } };
  const state = await graph.invoke({ messages: [new HumanMessage(turn.text)] }, config);
  const reply = state.messages.at(-1)!.text;
  answers.set(turn.text, reply);
  console.log(
    `[${turn.thread}, ${state.messages.length} messages in thread] ${turn.user}: ${turn.text}\n  agent: ${reply}`,
  );
}
await flush();

const fridayMessages = (await graph.getState({ configurable: { thread_id: 'alice-friday' } })).values
  .messages as HumanMessage[];
const fridaySawMonday = fridayMessages.some((message) => message.text.includes('Osaka') && message.type === 'human');
console.log(`\nstore.listNamespaces(): ${JSON.stringify(await store.listNamespaces())}`);
for (const item of await store.search(['users', 'alice'], { query: 'sister Osaka' })) {
  const record = await memory.list({
    namespace: toResonantNamespace(item.namespace, RESONANT_STORE_DEFAULTS.prefix),
    filter: { metadata: { langgraph_key: item.key } },
  });
  const utility = record.records[0]?.utility.toFixed(2) ?? '-';
  console.log(
    `store.search(['users', 'alice'], 'sister Osaka'): ${item.key} score ${(item as { score?: number }).score?.toFixed(3)} utility ${utility} ${JSON.stringify(item.value)}`,
  );
}

const recalledSister = answers.get('Where does my sister Hana live?')?.includes('Osaka') ?? false;
const recalledCello = answers.get('Which instrument am I learning?')?.includes('cello') ?? false;
const bobLeak = answers.get('Where does my sister live?')?.includes('Osaka') ?? true;
console.log(
  `\nmemory used: sister recalled across threads ${recalledSister}; cello recalled ${recalledCello}; friday thread held monday's messages ${fridaySawMonday}; bob saw alice's memory ${bobLeak}; ${errors.length} errors`,
);
for (const error of errors) console.error(`error: ${error}`);

await memory.close();
rmSync(directory, { recursive: true, force: true });
if (!recalledSister || !recalledCello || fridaySawMonday || bobLeak || errors.length > 0) {
  console.error('FAILED: memory was not used as expected');
  process.exitCode = 1;
}
