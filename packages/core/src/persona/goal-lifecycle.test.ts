import { describe, expect, it } from 'vitest';
import { freshState, START, stepper, DAY_MS } from '../../test/persona-step.js';
import { abandonGoal, addGoal, completeGoal, recordProgress, settleGoals } from './goal-lifecycle.js';
import type { PersonaState } from './persona-state.js';

describe('goal lifecycle', () => {
  it('goes active -> completed with an achievement episode (arousal 0.8)', () => {
    const step = stepper();
    const added = addGoal(
      freshState(),
      { text: 'Help Ana pass her nursing exam', priority: 0.9, term: 'short' },
      step(),
    );
    const id = added.state.goals[0]!.id;
    expect(added.state.goals[0]).toMatchObject({ status: 'active', progress: 0 });
    const progressed = recordProgress(added.state, { id, progress: 0.5 });
    expect(progressed.events).toEqual([{ type: 'goal_progress', goalId: id, progress: 0.5 }]);
    const done = completeGoal(progressed.state, { id, note: 'she passed' }, step(3));
    expect(done.state.goals[0]).toMatchObject({
      status: 'completed',
      progress: 1,
      endedAt: START + 3 * DAY_MS,
      note: 'she passed',
    });
    expect(done.memories[0]!.input).toMatchObject({
      kind: 'episode',
      arousal: 0.8,
      metadata: { episode: 'achievement', persona: { goal: id } },
    });
    expect(() => completeGoal(done.state, { id }, step())).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('goes active -> abandoned with its reason, remembering nothing', () => {
    const step = stepper();
    const added = addGoal(freshState(), { text: 'Learn to bake', priority: 0.5, term: 'long' }, step());
    const gone = abandonGoal(added.state, { id: added.state.goals[0]!.id, reason: 'Ana moved on' }, step());
    expect(gone.state.goals[0]).toMatchObject({ status: 'abandoned', note: 'Ana moved on' });
    expect(gone.memories).toEqual([]);
  });

  it('allows at most 10 active short-term goals; long-term ones and ended ones do not count', () => {
    const step = stepper();
    let state: PersonaState = freshState();
    for (let index = 0; index < 10; index++)
      state = addGoal(state, { text: `goal ${index}`, priority: 0.5, term: 'short' }, step()).state;
    expect(() => addGoal(state, { text: 'one too many', priority: 0.5, term: 'short' }, step())).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    state = addGoal(state, { text: 'a long one', priority: 0.5, term: 'long' }, step()).state;
    state = completeGoal(state, { id: state.goals[0]!.id }, step()).state;
    expect(
      addGoal(state, { text: 'now there is room', priority: 0.5, term: 'short' }, step()).state.goals,
    ).toHaveLength(12);
  });

  it('lowers a goal active for more than 30 days, then proposes abandoning it', () => {
    const step = stepper();
    const state = addGoal(freshState(), { text: 'Get Ana to go running', priority: 0.8, term: 'short' }, step()).state;
    const id = state.goals[0]!.id;
    expect(settleGoals(state, step(29)).events).toEqual([]);
    const month = settleGoals(state, step(30));
    expect(month.state.goals[0]).toMatchObject({ priority: 0.4, reviews: 1 });
    expect(month.events).toEqual([{ type: 'goal_lowered', goalId: id, priority: 0.4 }]);
    // Settling again at the same time changes nothing: reviews count.
    expect(settleGoals(month.state, step(31)).events).toEqual([]);
    const twoMonths = settleGoals(month.state, step(60));
    expect(twoMonths.state.goals[0]).toMatchObject({ priority: 0.2, reviews: 2 });
    const threeMonths = settleGoals(twoMonths.state, step(90));
    expect(threeMonths.state.goals[0]).toMatchObject({
      priority: 0.2,
      reviews: 3,
      abandonProposedAt: START + 90 * DAY_MS,
      status: 'active',
    });
    expect(threeMonths.events).toEqual([{ type: 'goal_abandon_proposed', goalId: id }]);
    // Catching up a long gap in one read gives the same result.
    expect(settleGoals(state, step(90)).state.goals[0]).toEqual(threeMonths.state.goals[0]);
  });

  it('keeps only the newest ended goals', () => {
    const step = stepper({ keepEndedGoals: 2 });
    let state: PersonaState = freshState();
    for (let index = 0; index < 4; index++) {
      state = addGoal(state, { text: `goal ${index}`, priority: 0.5, term: 'short' }, step(index)).state;
      state = completeGoal(state, { id: state.goals.at(-1)!.id }, step(index)).state;
    }
    expect(state.goals.map((goal) => goal.text)).toEqual(['goal 2', 'goal 3']);
  });
});
