import { createMemory, type Memory, type MemoryRecord, type RecallHit } from '@resonant/core';
import { FORGETTING_DEFAULTS, recencyAt } from '@resonant/core/ranking';
import { HttpError } from './http-error.js';
import { dayAfter } from './inspector-request.js';

/** One simulated retrieval: on which day, for what, and which memories it reinforced. */
export interface SimulatedRetrieval {
  day: number;
  query: string;
  ids: string[];
}

/** A memory's recall state from a day on. */
interface RecallState {
  fromDay: number;
  accessCount: number;
  lastAccessedAt: Date;
}

/** Recency of some memories, day by day, for the replay chart. */
export interface RecencyCurves {
  days: number[];
  series: { id: string; recency: number[] }[];
}

/**
 * One namespace copied into an in-memory store, where retrievals are simulated at later days with
 * core's own recall and reinforcement, so the real store is never written. Each retrieval keeps
 * the recall state of what it reinforced, from which the replay draws the forgetting curve.
 */
export class RetrievalSimulation {
  readonly retrievals: SimulatedRetrieval[] = [];
  private readonly states = new Map<string, RecallState[]>();

  private constructor(
    readonly namespace: string,
    readonly sandbox: Memory,
    /** Day 0 of the simulation. */
    readonly base: Date,
  ) {}

  static async start(memory: Memory, namespace: string, base: Date): Promise<RetrievalSimulation> {
    const sandbox = await createMemory({ path: ':memory:', clock: () => base });
    try {
      await sandbox.import({ lines: memory.export({ namespace }) });
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    return new RetrievalSimulation(namespace, sandbox, base);
  }

  /** The day retrievals may next happen on: simulated time only moves forward. */
  get earliestDay(): number {
    return this.retrievals.at(-1)?.day ?? 0;
  }

  /** Recalls at `day` and reinforces what came back, as a real recall would. */
  async retrieve(query: string, day: number, limit: number): Promise<RecallHit[]> {
    if (day < this.earliestDay)
      throw new HttpError(
        409,
        `the simulation is at day ${this.earliestDay}; retrieve on that day or later, or reset it`,
      );
    const now = dayAfter(this.base, day);
    const hits = await this.sandbox.recall({ namespace: this.namespace, query, limit, now, reinforce: false });
    const ids = hits.map((hit) => hit.memory.id);
    for (const hit of hits)
      if (!this.states.has(hit.memory.id))
        this.states.set(hit.memory.id, [stateOf(hit.memory, Number.NEGATIVE_INFINITY)]);
    await this.sandbox.reinforce({ namespace: this.namespace, ids, now });
    for (const record of await Promise.all(ids.map((id) => this.sandbox.get(id))))
      if (record) this.states.get(record.id)!.push(stateOf(record, day));
    this.retrievals.push({ day, query, ids });
    return hits;
  }

  /** Recency of each record on each day, replaying the simulated retrievals. */
  curves(records: readonly MemoryRecord[], days: readonly number[]): RecencyCurves {
    return recencyCurves(records, days, this.base, (record, day) => this.recencyOn(record, day));
  }

  /** Recency of a record on a day, after the retrievals made by then. */
  recencyOn(record: MemoryRecord, day: number): number {
    const states = this.states.get(record.id) ?? [stateOf(record, Number.NEGATIVE_INFINITY)];
    const state = states.findLast((candidate) => candidate.fromDay <= day) ?? states[0]!;
    return recencyAt(state.lastAccessedAt, state.accessCount, dayAfter(this.base, day), FORGETTING_DEFAULTS);
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/** Recency of each record on each day after `base`: the forgetting curve alone, or `recencyOn` when retrievals were simulated. */
export function recencyCurves(
  records: readonly MemoryRecord[],
  days: readonly number[],
  base: Date,
  recencyOn: (record: MemoryRecord, day: number) => number = (record, day) =>
    recencyAt(record.lastAccessedAt, record.accessCount, dayAfter(base, day), FORGETTING_DEFAULTS),
): RecencyCurves {
  return {
    days: [...days],
    series: records.map((record) => ({ id: record.id, recency: days.map((day) => recencyOn(record, day)) })),
  };
}

function stateOf(record: MemoryRecord, fromDay: number): RecallState {
  return { fromDay, accessCount: record.accessCount, lastAccessedAt: record.lastAccessedAt };
}

/** The simulations of an inspector, one per namespace, started on first use. */
export class RetrievalSimulations {
  private readonly running = new Map<string, Promise<RetrievalSimulation>>();

  constructor(private readonly memory: Memory) {}

  /** The namespace's simulation, if one was started. */
  find(namespace: string): Promise<RetrievalSimulation> | undefined {
    return this.running.get(namespace);
  }

  /** The namespace's simulation, started now (day 0 = `base`) if there is none. */
  open(namespace: string, base: Date): Promise<RetrievalSimulation> {
    let simulation = this.running.get(namespace);
    if (!simulation) {
      simulation = RetrievalSimulation.start(this.memory, namespace, base);
      simulation.catch(() => this.running.delete(namespace));
      this.running.set(namespace, simulation);
    }
    return simulation;
  }

  async reset(namespace: string): Promise<void> {
    const simulation = this.running.get(namespace);
    this.running.delete(namespace);
    await (await simulation?.catch(() => undefined))?.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.keys()].map((namespace) => this.reset(namespace)));
  }
}
