import { z } from 'zod';
import { EMOTION_CATEGORIES } from '../affect/emotion-vocabulary.js';
import type { FeltEmotion } from '../affect/appraise-emotion.js';
import { planMentionLinks } from '../entities/plan-mention-links.js';
import { CapabilityMissingError } from '../errors/capability-missing-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { StoreFailureError } from '../errors/store-failure-error.js';
import { isWriteConflict } from '../errors/write-conflict-error.js';
import { listRecent } from '../recall/list-recent.js';
import type { Memory } from '../memory/memory.js';
import type { MemoryContext } from '../recall/memory-context.js';
import { memoryContextOf } from '../memory/memory-context-of.js';
import { parseInput } from '../errors/parse-input.js';
import { prepareMemories } from '../remember/remember.js';
import type { MemoryRecord } from '../records/memory-record.js';
import { namespaceSchema } from '../records/namespace.js';
import { memoryTextSchema, rememberInputSchema } from '../records/remember-input.js';
import type { PersonaStateStore } from '../store/persona-state-store.js';
import { computeDrives, type PersonaDrives } from './compute-drives.js';
import { endConversation } from './end-conversation.js';
import { abandonGoal, addGoal, completeGoal } from './goal-lifecycle.js';
import { observeExchange } from './observe-exchange.js';
import { renderOnMyMind } from './on-my-mind.js';
import type { PersonaEvent } from './persona-event.js';
import { PERSONA_DEFAULTS, personaSettingsSchema, type PersonaSettings } from './persona-settings.js';
import {
  emptyPersonaState,
  personaStateSchema,
  type Goal,
  type OpenQuestion,
  type PersonaState,
} from './persona-state.js';
import type { PersonaStep, PersonaTransition } from './persona-step.js';
import { addQuestion, askQuestion, consolidateQuestions, resolveQuestion } from './question-lifecycle.js';
import {
  applyReflection,
  reflectionAnswerSchema,
  reflectionConflicts,
  type ReflectionAnswer,
  type ReflectionModel,
} from './reflection.js';
import { settlePersona } from './settle-persona.js';

/** Options of {@link createPersona}. */
export interface CreatePersonaOptions {
  /** The memory the persona lives in (from `createMemory`); its store must have the persona capability (the embedded SQLite store has it). */
  memory: Memory;
  /** Rules of drives and lifecycles; unspecified ones keep `PERSONA_DEFAULTS`. */
  settings?: Partial<PersonaSettings>;
  /** Source of "now"; default: the memory's clock. */
  clock?: () => Date;
}

/** A persona's state in one namespace as of now: the drives and what drives them. */
export interface PersonaSnapshot {
  namespace: string;
  drives: PersonaDrives;
  /** Unresolved, resolved and consolidated (not yet archived) questions, oldest first. */
  questions: OpenQuestion[];
  /** Active goals and the newest ended ones. */
  goals: Goal[];
  /** A hurt not yet mended, if any. */
  crisis: PersonaState['crisis'];
  /** Whether a conversation is under way (no pause longer than the gap since its last exchange). */
  inConversation: boolean;
}

/** What a persona call changed: the drives after it, what happened, and the memories it wrote (in the same transaction as the state). */
export interface PersonaChange {
  drives: PersonaDrives;
  events: PersonaEvent[];
  remembered: MemoryRecord[];
}

/** Drives, open questions, goals and relatedness of a companion character, kept with its memories. Create one with {@link createPersona}. */
export interface Persona {
  /** The state and drives now; writes nothing. */
  inspect(options: { namespace: string; now?: Date }): Promise<PersonaSnapshot>;
  /** An exchange with the person: boredom starts over, persona emotions move relatedness; a mended crisis becomes a bonding episode. */
  observeExchange(options: {
    namespace: string;
    emotions?: readonly FeltEmotion[];
    text?: string;
    now?: Date;
  }): Promise<PersonaChange>;
  /** Something the persona wonders about (full weight until asked). `question` is null when a full list turned it away. */
  addQuestion(options: {
    namespace: string;
    text: string;
    priority?: number;
    becomes?: 'fact' | 'insight';
    now?: Date;
  }): Promise<PersonaChange & { question: OpenQuestion | null }>;
  /** The question was put to the person: half weight, waiting for the answer. */
  askQuestion(options: { namespace: string; id: string; now?: Date }): Promise<PersonaChange>;
  /** The answer came: remembered as a discovery episode; at consolidation it becomes a fact or insight memory. */
  resolveQuestion(options: { namespace: string; id: string; answer: string; now?: Date }): Promise<PersonaChange>;
  /** A goal to pursue (at most `maxShortTermGoals` short-term ones active). */
  addGoal(options: {
    namespace: string;
    text: string;
    priority?: number;
    term?: 'short' | 'long';
    now?: Date;
  }): Promise<PersonaChange & { goal: Goal }>;
  /** A goal reached: remembered as an achievement episode. */
  completeGoal(options: { namespace: string; id: string; note?: string; now?: Date }): Promise<PersonaChange>;
  /** A goal given up, with the reason. */
  abandonGoal(options: { namespace: string; id: string; reason: string; now?: Date }): Promise<PersonaChange>;
  /**
   * Hands the injected model the goals and recent episodes and applies its answer (completed, abandoned,
   * progress). A malformed answer, or one naming goals that are not active, changes nothing: `InvalidInputError` lists why.
   */
  reflect(options: {
    namespace: string;
    model: ReflectionModel;
    now?: Date;
  }): Promise<PersonaChange & { answer: ReflectionAnswer }>;
  /** Resolved questions become fact or insight memories (archived from the state seven days later). Run it with `memory.consolidate`. */
  consolidate(options: { namespace: string; now?: Date }): Promise<PersonaChange>;
  /** Ends the conversation under way; its episode arousal comes from what it changed, and with `text` it is remembered as an episode. */
  endConversation(options: {
    namespace: string;
    text?: string;
    now?: Date;
  }): Promise<PersonaChange & { arousal: number }>;
  /** The "on my mind" section for a prompt (open questions, the active goal), or '' — pass it to `buildContext({ preface })`. */
  onMyMind(options: { namespace: string; now?: Date }): Promise<string>;
}

/** How often a change planned on a state another writer moved is planned again before giving up. */
const MAX_ATTEMPTS = 8;

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'must be a function');
const optionsSchema = z
  .object({
    memory: z.custom<Memory>((value) => typeof value === 'object' && value !== null, 'must be a Memory'),
    settings: personaSettingsSchema.optional(),
    clock: fn.optional(),
  })
  .strict();
const date = z.date().refine((value) => Number.isFinite(value.getTime()), 'date must be valid');
const base = { namespace: namespaceSchema, now: date.optional() };
const unit = z.number().min(0).max(1);
const text = z.string().trim().min(1).max(2000);
const schemas = {
  inspect: z.object(base).strict(),
  observeExchange: z
    .object({
      ...base,
      emotions: z
        .array(z.object({ category: z.enum(EMOTION_CATEGORIES), intensity: unit }).strict())
        .max(100)
        .default([]),
      text: memoryTextSchema.optional(),
    })
    .strict(),
  addQuestion: z
    .object({ ...base, text, priority: unit.default(0.5), becomes: z.enum(['fact', 'insight']).default('fact') })
    .strict(),
  byId: z.object({ ...base, id: z.string().min(1) }).strict(),
  resolveQuestion: z.object({ ...base, id: z.string().min(1), answer: text }).strict(),
  addGoal: z
    .object({ ...base, text, priority: unit.default(0.5), term: z.enum(['short', 'long']).default('short') })
    .strict(),
  completeGoal: z.object({ ...base, id: z.string().min(1), note: text.optional() }).strict(),
  abandonGoal: z.object({ ...base, id: z.string().min(1), reason: text }).strict(),
  reflect: z.object({ ...base, model: fn }).strict(),
  endConversation: z.object({ ...base, text: memoryTextSchema.optional() }).strict(),
};

/**
 * Opens the persona module over a memory: per namespace, drives (boredom, curiosity, goal drive,
 * relatedness), open questions and goals with their lifecycles, kept by the store's persona
 * capability in the same file and transactions as the episodes they produce. Off unless used:
 * nothing is stored until a persona call changes something.
 */
export function createPersona(options: CreatePersonaOptions): Persona {
  const parsed = parseInput(optionsSchema, options, 'createPersona options');
  const settings: PersonaSettings = { ...PERSONA_DEFAULTS, ...parsed.settings };
  const initial = memoryContextOf(options.memory, 'createPersona options');
  const personaStore = initial.store.persona;
  if (!personaStore)
    throw new CapabilityMissingError(
      'This store keeps no persona state (no `persona` capability); use the embedded SQLite store.',
    );
  const store: PersonaStateStore = personaStore;
  const contextNow = () => memoryContextOf(options.memory, 'persona');
  const clock = options.clock ?? (() => contextNow().clock());

  async function load(
    namespace: string,
    now: number,
  ): Promise<{ version: number; step: PersonaStep; settled: PersonaTransition }> {
    const context = contextNow();
    const snapshot = await store.read(namespace);
    const stored =
      snapshot.state === null
        ? emptyPersonaState(now, settings.initialRelatedness)
        : readState(snapshot.state, namespace);
    const step: PersonaStep = { namespace, now, settings, newId: context.generateId };
    return { version: snapshot.version, step, settled: settlePersona(stored, step) };
  }

  /** Changes run one at a time per namespace in this process; only other processes can then race a write. */
  const queues = new Map<string, Promise<unknown>>();
  function change<Extra extends object>(
    namespace: string,
    now: number,
    plan: (state: PersonaState, step: PersonaStep) => PersonaTransition & Extra,
  ): Promise<PersonaChange & Extra> {
    const run = (queues.get(namespace) ?? Promise.resolve()).then(() => planAndWrite(namespace, now, plan));
    const settledRun = run.catch(() => undefined);
    queues.set(namespace, settledRun);
    void settledRun.then(() => {
      if (queues.get(namespace) === settledRun) queues.delete(namespace);
    });
    return run;
  }

  /** Reads, settles, applies `plan` and writes state and memories in one transaction; a write that lost a race is planned again. */
  async function planAndWrite<Extra extends object>(
    namespace: string,
    now: number,
    plan: (state: PersonaState, step: PersonaStep) => PersonaTransition & Extra,
  ): Promise<PersonaChange & Extra> {
    for (let attempt = 1; ; attempt++) {
      const context = contextNow();
      const { version, step, settled } = await load(namespace, now);
      const planned = plan(settled.state, step);
      const memories = [...settled.memories, ...planned.memories];
      const inputs = memories.map((memory) => parseInput(rememberInputSchema, memory.input, 'persona memory'));
      const stored = await prepareMemories(
        context,
        inputs,
        memories.map((memory) => memory.id),
      );
      try {
        await store.write(namespace, { expectVersion: version, state: planned.state, insert: stored });
      } catch (error) {
        if (isWriteConflict(error) && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      await linkMentions(
        context,
        namespace,
        stored.map((memory) => memory.record),
      );
      const { state: _state, events, memories: _memories, ...extra } = planned;
      return {
        ...(extra as Extra),
        drives: computeDrives(planned.state, now, settings),
        events: [...settled.events, ...events],
        remembered: stored.map((memory) => memory.record),
      } as PersonaChange & Extra;
    }
  }

  const timeOf = (now: Date | undefined) => (now ?? clock()).getTime();

  return {
    async inspect(input) {
      const { namespace, now } = parseInput(schemas.inspect, input, 'persona.inspect options');
      const at = timeOf(now);
      const { state } = (await load(namespace, at)).settled;
      return {
        namespace,
        drives: computeDrives(state, at, settings),
        questions: state.questions,
        goals: state.goals,
        crisis: state.crisis,
        inConversation: state.conversation !== null,
      };
    },
    async observeExchange(input) {
      const {
        namespace,
        now,
        emotions,
        text: exchangeText,
      } = parseInput(schemas.observeExchange, input, 'persona.observeExchange options');
      return change(namespace, timeOf(now), (state, step) =>
        observeExchange(state, { emotions, text: exchangeText ?? null }, step),
      );
    },
    async addQuestion(input) {
      const { namespace, now, ...question } = parseInput(schemas.addQuestion, input, 'persona.addQuestion options');
      return change(namespace, timeOf(now), (state, step) => {
        const added = addQuestion(state, question, step);
        const id = added.events[0]?.type === 'question_added' ? added.events[0].questionId : null;
        return { ...added, question: added.state.questions.find((candidate) => candidate.id === id) ?? null };
      });
    },
    async askQuestion(input) {
      const { namespace, now, id } = parseInput(schemas.byId, input, 'persona.askQuestion options');
      return change(namespace, timeOf(now), (state, step) => askQuestion(state, id, step));
    },
    async resolveQuestion(input) {
      const { namespace, now, id, answer } = parseInput(
        schemas.resolveQuestion,
        input,
        'persona.resolveQuestion options',
      );
      return change(namespace, timeOf(now), (state, step) => resolveQuestion(state, { id, answer }, step));
    },
    async addGoal(input) {
      const { namespace, now, ...goal } = parseInput(schemas.addGoal, input, 'persona.addGoal options');
      return change(namespace, timeOf(now), (state, step) => {
        const added = addGoal(state, goal, step);
        return { ...added, goal: added.state.goals.at(-1)! };
      });
    },
    async completeGoal(input) {
      const { namespace, now, id, note } = parseInput(schemas.completeGoal, input, 'persona.completeGoal options');
      return change(namespace, timeOf(now), (state, step) => completeGoal(state, { id, note: note ?? null }, step));
    },
    async abandonGoal(input) {
      const { namespace, now, id, reason } = parseInput(schemas.abandonGoal, input, 'persona.abandonGoal options');
      return change(namespace, timeOf(now), (state, step) => abandonGoal(state, { id, reason }, step));
    },
    async reflect(input) {
      const { namespace, now, model } = parseInput(schemas.reflect, input, 'persona.reflect options');
      const at = timeOf(now);
      const context = contextNow();
      const { state } = (await load(namespace, at)).settled;
      const episodes =
        settings.reflectionEpisodes === 0
          ? []
          : await listRecent(context, { namespace, limit: settings.reflectionEpisodes, filter: { kind: ['episode'] } });
      // The model runs outside any transaction; its answer is applied to a fresh read.
      const reply = await (model as ReflectionModel)({
        namespace,
        now: new Date(at),
        goals: state.goals,
        episodes: episodes.map(({ id, text, createdAt, arousal }) => ({ id, text, createdAt, arousal })),
      });
      const answer = parseInput(
        reflectionAnswerSchema,
        typeof reply === 'string' ? parseJson(reply) : reply,
        'reflection answer',
      );
      return change(namespace, at, (current, step) => {
        const conflicts = reflectionConflicts(current, answer);
        if (conflicts.length > 0)
          throw new InvalidInputError(
            `Invalid reflection answer: ${conflicts.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}; nothing changed.`,
            conflicts,
          );
        return { ...applyReflection(current, answer, step), answer };
      });
    },
    async consolidate(input) {
      const { namespace, now } = parseInput(schemas.inspect, input, 'persona.consolidate options');
      return change(namespace, timeOf(now), (state, step) => consolidateQuestions(state, step));
    },
    async endConversation(input) {
      const {
        namespace,
        now,
        text: about,
      } = parseInput(schemas.endConversation, input, 'persona.endConversation options');
      return change(namespace, timeOf(now), (state, step) => endConversation(state, { text: about ?? null }, step));
    },
    async onMyMind(input) {
      const { namespace, now } = parseInput(schemas.inspect, input, 'persona.onMyMind options');
      const at = timeOf(now);
      return renderOnMyMind((await load(namespace, at)).settled.state, at, settings);
    },
  };
}

function readState(value: unknown, namespace: string): PersonaState {
  const result = personaStateSchema.safeParse(value);
  if (!result.success)
    throw new StoreFailureError(
      `The stored persona state of ${namespace} is not one this version reads: ${result.error.issues[0]?.message ?? 'invalid'}.`,
    );
  return result.data;
}

/** A model's text answer as JSON, tolerating a fenced code block around it; unparsable text stays a string (and fails validation). */
function parseJson(reply: string): unknown {
  const body = reply.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/u, '$1');
  try {
    return JSON.parse(body);
  } catch {
    return reply;
  }
}

/** Entity links of the new memories: a second write, as for a batch of several namespaces; consolidation repairs any a crash drops. */
async function linkMentions(
  context: MemoryContext,
  namespace: string,
  records: readonly MemoryRecord[],
): Promise<void> {
  const graph = context.store.graph;
  if (!graph || records.length === 0) return;
  const plan = await planMentionLinks(graph, namespace, records);
  if (plan.links.length > 0) await graph.write(namespace, { entities: plan.entities, link: plan.links });
}
