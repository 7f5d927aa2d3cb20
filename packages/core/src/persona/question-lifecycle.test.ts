import { describe, expect, it } from 'vitest';
import { DAY_MS, freshState, START, stepper } from '../../test/persona-step.js';
import { curiosityAt } from './compute-drives.js';
import { PERSONA_DEFAULTS } from './persona-settings.js';
import type { PersonaState } from './persona-state.js';
import {
  addQuestion,
  askQuestion,
  consolidateQuestions,
  resolveQuestion,
  settleQuestions,
} from './question-lifecycle.js';
import { settlePersona } from './settle-persona.js';

const add = (state: PersonaState, text: string, priority: number, step: ReturnType<ReturnType<typeof stepper>>) =>
  addQuestion(state, { text, priority, becomes: 'fact' }, step);

describe('open question lifecycle', () => {
  it('goes added -> asked -> resolved (discovery episode) -> consolidated (fact memory) -> archived seven days later', () => {
    const step = stepper();
    const added = add(freshState(), 'What is her sister called?', 0.8, step());
    const id = added.state.questions[0]!.id;
    expect(added.events).toEqual([{ type: 'question_added', questionId: id }]);
    expect(added.state.questions[0]).toMatchObject({ status: 'open', askedAt: null });

    const asked = askQuestion(added.state, id, step(1));
    expect(asked.state.questions[0]).toMatchObject({ status: 'asked', askedAt: START + DAY_MS });

    const resolved = resolveQuestion(asked.state, { id, answer: 'Mei, a nurse in Osaka.' }, step(2));
    expect(resolved.state.questions[0]).toMatchObject({
      status: 'resolved',
      resolvedAt: START + 2 * DAY_MS,
      answer: 'Mei, a nurse in Osaka.',
    });
    expect(resolved.memories).toHaveLength(1);
    expect(resolved.memories[0]!.input).toMatchObject({
      kind: 'episode',
      arousal: 0.6,
      metadata: { episode: 'discovery', persona: { question: id } },
    });
    expect(resolved.memories[0]!.input.text).toContain('Mei, a nurse in Osaka.');
    expect(curiosityAt(resolved.state.questions, START + 2 * DAY_MS, PERSONA_DEFAULTS)).toBe(0);

    const consolidated = consolidateQuestions(resolved.state, step(3));
    const memoryId = consolidated.memories[0]!.id;
    expect(consolidated.memories[0]!.input).toMatchObject({
      kind: 'fact',
      metadata: { persona: { question: id, becomes: 'fact' } },
    });
    expect(consolidated.state.questions[0]).toMatchObject({
      status: 'consolidated',
      memoryId,
      consolidatedAt: START + 3 * DAY_MS,
    });
    expect(consolidated.events).toEqual([{ type: 'question_consolidated', questionId: id, memoryId }]);
    // A second consolidation finds nothing more to do.
    expect(consolidateQuestions(consolidated.state, step(4)).memories).toEqual([]);

    expect(settleQuestions(consolidated.state, step(9.9)).state.questions).toHaveLength(1);
    const archived = settleQuestions(consolidated.state, step(10));
    expect(archived.state.questions).toEqual([]);
    expect(archived.events).toEqual([{ type: 'question_archived', questionId: id }]);
  });

  it('resolves an unasked question too, and an insight becomes an insight memory, in Japanese when asked in Japanese', () => {
    const step = stepper();
    const added = addQuestion(
      freshState(),
      { text: 'なぜ彼女は雨の日が好きなんだろう？', priority: 0.5, becomes: 'insight' },
      step(),
    );
    const resolved = resolveQuestion(
      added.state,
      { id: added.state.questions[0]!.id, answer: '子供の頃の思い出だから' },
      step(),
    );
    expect(resolved.memories[0]!.input.text).toMatch(/^分かったこと: /);
    const consolidated = consolidateQuestions(resolved.state, step());
    expect(consolidated.memories[0]!.input.text).toMatch(/^気づき: 子供の頃の思い出だから/);
    expect(consolidated.memories[0]!.input.metadata).toMatchObject({ persona: { becomes: 'insight' } });
  });

  it('keeps at most 10 open: the least important unasked one gives way, asked ones stay', () => {
    const step = stepper();
    let state = freshState();
    for (let index = 0; index < 10; index++) state = add(state, `q${index}`, 0.3 + index * 0.05, step()).state;
    state = askQuestion(state, state.questions[0]!.id, step()).state; // q0 (0.30) is asked: not the one to go
    const next = add(state, 'a new question', 0.9, step());
    expect(next.state.questions).toHaveLength(10);
    expect(next.state.questions.map((question) => question.text)).not.toContain('q1');
    expect(next.state.questions.map((question) => question.text)).toContain('q0');
    expect(next.events[1]).toEqual({
      type: 'question_displaced',
      questionId: state.questions[1]!.id,
      by: next.state.questions.at(-1)!.id,
    });
  });

  it('turns a newcomer away when it is the least important unasked one (a full list never blocks, never grows)', () => {
    const step = stepper();
    let state = freshState();
    for (let index = 0; index < 10; index++) state = add(state, `q${index}`, 0.9, step()).state;
    for (const question of state.questions) state = askQuestion(state, question.id, step()).state;
    const next = add(state, 'one more', 0.2, step());
    expect(next.state.questions).toHaveLength(10);
    expect(next.events.at(-1)).toMatchObject({ type: 'question_displaced', by: null });
  });

  it('never keeps a question forever: unanswered ones decay and leave, so curiosity falls back', () => {
    const step = stepper();
    let state = add(freshState(), 'never answered', 0.8, step()).state;
    state = askQuestion(state, state.questions[0]!.id, step()).state;
    // 0.8 halves every 14 days: under 0.05 after 4 half-lives (56 days).
    expect(settlePersona(state, step(55)).state.questions).toHaveLength(1);
    const settled = settlePersona(state, step(57));
    expect(settled.state.questions).toEqual([]);
    expect(settled.events).toContainEqual({ type: 'question_expired', questionId: state.questions[0]!.id });
  });

  it('refuses impossible moves with typed errors', () => {
    const step = stepper();
    const state = add(freshState(), 'q', 0.5, step()).state;
    const id = state.questions[0]!.id;
    expect(() => askQuestion(state, 'nope', step())).toThrow(expect.objectContaining({ code: 'not_found' }));
    const asked = askQuestion(state, id, step()).state;
    expect(() => askQuestion(asked, id, step())).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const resolved = resolveQuestion(asked, { id, answer: 'yes' }, step()).state;
    expect(() => resolveQuestion(resolved, { id, answer: 'again' }, step())).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
