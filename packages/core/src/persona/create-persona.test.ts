import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.js';
import { useTempDirectory } from '../../test/temp-directory.js';
import { withoutGraph } from '../../test/without-graph.js';
import { createMemory } from '../memory/create-memory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { createPersona } from './create-persona.js';
import type { ReflectionInput } from './reflection.js';

const tempDirectory = useTempDirectory();
const NS = 'user:ana/agent:mika';

async function open(path: string, clock = manualClock()) {
  const memory = await createMemory({ path, clock });
  return { memory, persona: createPersona({ memory }), clock };
}

describe('createPersona', () => {
  it('keeps drives, questions and goals in the memory file and writes episodes with them', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const { memory, persona, clock } = await open(path);
    expect((await persona.inspect({ namespace: NS })).drives).toEqual({
      boredom: 0,
      curiosity: 0,
      goalDrive: 0,
      relatedness: 0.3,
    });
    // Reading writes nothing: an untouched namespace stays without state.
    expect(await memory.namespaces()).toEqual([]);

    const { question } = await persona.addQuestion({
      namespace: NS,
      text: 'What does Ana do on Sundays?',
      priority: 0.8,
    });
    expect(question).toMatchObject({ status: 'open', priority: 0.8 });
    await persona.askQuestion({ namespace: NS, id: question!.id });
    clock.advanceDays(1);
    const resolved = await persona.resolveQuestion({
      namespace: NS,
      id: question!.id,
      answer: 'She plays cello in a community orchestra.',
    });
    expect(resolved.remembered).toHaveLength(1);
    expect(resolved.remembered[0]).toMatchObject({
      namespace: NS,
      kind: 'episode',
      arousal: 0.6,
      metadata: { episode: 'discovery' },
    });
    expect(await memory.get(resolved.remembered[0]!.id)).toMatchObject({ text: resolved.remembered[0]!.text });
    expect((await memory.recall({ namespace: NS, query: 'cello orchestra' }))[0]!.memory.id).toBe(
      resolved.remembered[0]!.id,
    );

    const { goal } = await persona.addGoal({ namespace: NS, text: 'Go to one of her concerts', priority: 0.7 });
    const consolidated = await persona.consolidate({ namespace: NS });
    expect(consolidated.remembered[0]).toMatchObject({ kind: 'fact', metadata: { persona: { becomes: 'fact' } } });
    await memory.close();

    const again = await open(path, clock);
    const snapshot = await again.persona.inspect({ namespace: NS });
    expect(snapshot.questions[0]).toMatchObject({ status: 'consolidated', memoryId: consolidated.remembered[0]!.id });
    expect(snapshot.goals[0]).toMatchObject({ id: goal.id, status: 'active' });
    expect(snapshot.drives.goalDrive).toBe(0.7);
    clock.advanceDays(7);
    const later = await again.persona.inspect({ namespace: NS });
    expect(later.questions).toEqual([]); // archived seven days after consolidation
    expect(await again.memory.get(consolidated.remembered[0]!.id)).not.toBeNull(); // the fact stays
    await again.memory.close();
  });

  it('lets decay run on every read, with no scheduler: a month of silence shows', async () => {
    const { memory, persona, clock } = await open(join(tempDirectory(), 'memory.db'));
    await persona.observeExchange({ namespace: NS, emotions: [{ category: 'joy', intensity: 0.5 }] });
    await persona.addQuestion({ namespace: NS, text: 'Is her exam in May?', priority: 0.6 });
    const { goal } = await persona.addGoal({
      namespace: NS,
      text: 'Keep her company while she studies',
      priority: 0.8,
    });
    const before = (await persona.inspect({ namespace: NS })).drives;
    clock.advanceDays(31);
    const after = await persona.inspect({ namespace: NS });
    expect(after.drives.boredom).toBe(1);
    expect(before.boredom).toBe(0);
    expect(after.drives.curiosity).toBeLessThan(before.curiosity / 4);
    expect(after.goals.find((candidate) => candidate.id === goal.id)!.priority).toBe(0.4);
    expect(after.drives.goalDrive).toBe(0.4);
    await memory.close();
  });

  it('applies a valid reflection and remembers completions as achievement episodes', async () => {
    const { memory, persona } = await open(join(tempDirectory(), 'memory.db'));
    const exam = (await persona.addGoal({ namespace: NS, text: 'Help Ana pass her exam', priority: 0.9 })).goal;
    const bake = (await persona.addGoal({ namespace: NS, text: 'Bake bread together', priority: 0.3 })).goal;
    const songs = (
      await persona.addGoal({ namespace: NS, text: 'Learn her favourite songs', priority: 0.5, term: 'long' })
    ).goal;
    await memory.remember({
      namespace: NS,
      kind: 'episode',
      text: 'User: I passed the exam!!\nAssistant: I knew you would!',
    });
    let seen: ReflectionInput | undefined;
    const result = await persona.reflect({
      namespace: NS,
      model: (input) => {
        seen = input;
        return JSON.stringify({
          completed: [{ goalId: exam.id, note: 'she passed' }],
          abandoned: [{ goalId: bake.id, reason: 'she has no oven' }],
          progress: [{ goalId: songs.id, progress: 0.25 }],
        });
      },
    });
    expect(seen!.goals.map((goal) => goal.id)).toEqual([exam.id, bake.id, songs.id]);
    expect(seen!.episodes[0]!.text).toContain('I passed the exam');
    expect(result.remembered).toHaveLength(1);
    expect(result.remembered[0]).toMatchObject({ kind: 'episode', arousal: 0.8, metadata: { episode: 'achievement' } });
    const goals = (await persona.inspect({ namespace: NS })).goals;
    expect(goals.map((goal) => [goal.status, goal.progress, goal.note])).toEqual([
      ['completed', 1, 'she passed'],
      ['abandoned', 0, 'she has no oven'],
      ['active', 0.25, null],
    ]);
    expect(result.drives.goalDrive).toBe(0.5);
    await memory.close();
  });

  it('a malformed reflection changes nothing and says why', async () => {
    const { memory, persona } = await open(join(tempDirectory(), 'memory.db'));
    const goal = (await persona.addGoal({ namespace: NS, text: 'Help Ana pass her exam', priority: 0.9 })).goal;
    const before = await persona.inspect({ namespace: NS });
    const answers: unknown[] = [
      'I think she is doing great!',
      { completed: [{ goalId: goal.id }], abandoned: 'none' },
      { progress: [{ goalId: goal.id, progress: 2 }] },
      { completed: [{ goalId: 'no-such-goal' }] },
      { completed: [{ goalId: goal.id }], abandoned: [{ goalId: goal.id, reason: 'both at once' }] },
      { completed: [], surprise: true },
    ];
    for (const answer of answers) {
      const reflection = persona.reflect({ namespace: NS, model: async () => answer });
      await expect(reflection).rejects.toMatchObject({
        code: 'invalid_input',
        issues: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
      });
    }
    await expect(
      persona.reflect({ namespace: NS, model: () => ({ completed: [{ goalId: 'nope' }] }) }),
    ).rejects.toThrow(/no active goal nope; nothing changed/);
    expect(await persona.inspect({ namespace: NS })).toEqual(before);
    expect(await memory.stats({ namespace: NS })).toMatchObject({ count: 0 });
    await memory.close();
  });

  it('two personas on one file never lose each other’s changes (a stale plan is planned again)', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const first = await open(path);
    const second = await open(path, first.clock);
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 === 0 ? first : second).persona.addQuestion({
          namespace: NS,
          text: `question ${index}`,
          priority: 0.5,
        }),
      ),
    );
    expect((await first.persona.inspect({ namespace: NS })).questions.map((question) => question.text).sort()).toEqual(
      Array.from({ length: 8 }, (_, index) => `question ${index}`),
    );
    await first.memory.close();
    await second.memory.close();
  });

  it('keeps namespaces apart', async () => {
    const { memory, persona } = await open(join(tempDirectory(), 'memory.db'));
    await persona.addQuestion({ namespace: NS, text: 'secret of ana', priority: 1 });
    expect((await persona.inspect({ namespace: 'user:ben' })).questions).toEqual([]);
    expect(await persona.onMyMind({ namespace: 'user:ben' })).toBe('');
    expect(await persona.onMyMind({ namespace: NS })).toContain('secret of ana');
    await memory.close();
  });

  it('fails clearly: a store without the capability, bad input, a closed memory', async () => {
    const path = join(tempDirectory(), 'memory.db');
    const plain = await createMemory({ store: withoutGraph(new SqliteStore({ path })) });
    expect(() => createPersona({ memory: plain })).toThrow(expect.objectContaining({ code: 'capability_missing' }));
    await plain.close();
    const { memory, persona } = await open(join(tempDirectory(), 'memory.db'));
    await expect(persona.addQuestion({ namespace: NS, text: '  ', priority: 0.5 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(persona.addGoal({ namespace: NS, text: 'x', priority: 1.5 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      persona.observeExchange({ namespace: NS, emotions: [{ category: 'glee' as 'joy', intensity: 0.5 }] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => createPersona({ memory, settings: { maxOpenQuestions: 0 } })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createPersona({ memory: {} as never })).toThrow(/createMemory/);
    await memory.close();
    await expect(persona.inspect({ namespace: NS })).rejects.toMatchObject({ code: 'memory_closed' });
  });
});
