import { describe, expect, it } from 'vitest';
import { DAY_MS, freshState, START, stepper } from '../../test/persona-step.js';
import { boredomAt, computeDrives, curiosityAt, questionWeight } from './compute-drives.js';
import { PERSONA_DEFAULTS } from './persona-settings.js';
import { addQuestion, askQuestion } from './question-lifecycle.js';
import { addGoal } from './goal-lifecycle.js';

const HOUR_MS = 3_600_000;

describe('persona drives', () => {
  it('boredom is ln(1 + idle hours) / ln(1 + 72) since the last exchange, capped at 1', () => {
    const state = { ...freshState(), lastExchangeAt: START };
    expect(boredomAt(state, START, PERSONA_DEFAULTS)).toBe(0);
    expect(boredomAt(state, START + 3 * HOUR_MS, PERSONA_DEFAULTS)).toBeCloseTo(Math.log(4) / Math.log(73), 12);
    expect(boredomAt(state, START + 72 * HOUR_MS, PERSONA_DEFAULTS)).toBeCloseTo(1, 12);
    expect(boredomAt(state, START + 30 * DAY_MS, PERSONA_DEFAULTS)).toBe(1);
    // Logarithmic: the first hours count most.
    const first = boredomAt(state, START + 1 * HOUR_MS, PERSONA_DEFAULTS);
    const later =
      boredomAt(state, START + 25 * HOUR_MS, PERSONA_DEFAULTS) -
      boredomAt(state, START + 24 * HOUR_MS, PERSONA_DEFAULTS);
    expect(first).toBeGreaterThan(10 * later);
    // Never met: idle since the persona began.
    expect(boredomAt(freshState(), START + 3 * HOUR_MS, PERSONA_DEFAULTS)).toBeCloseTo(Math.log(4) / Math.log(73), 12);
  });

  it('curiosity is min(1, (unasked + 0.5 x asked-unresolved priorities) / 2) and is not stuck at 0', () => {
    const step = stepper();
    let state = freshState();
    expect(curiosityAt(state.questions, START, PERSONA_DEFAULTS)).toBe(0);
    state = addQuestion(state, { text: 'What is her sister called?', priority: 0.8, becomes: 'fact' }, step()).state;
    expect(curiosityAt(state.questions, START, PERSONA_DEFAULTS)).toBeCloseTo(0.4, 12);
    state = addQuestion(state, { text: 'Does she like jazz?', priority: 0.6, becomes: 'fact' }, step()).state;
    expect(curiosityAt(state.questions, START, PERSONA_DEFAULTS)).toBeCloseTo(0.7, 12);
    state = askQuestion(state, state.questions[0]!.id, step()).state;
    expect(curiosityAt(state.questions, START, PERSONA_DEFAULTS)).toBeCloseTo((0.5 * 0.8 + 0.6) / 2, 12);
    for (let index = 0; index < 6; index++)
      state = addQuestion(state, { text: `question ${index}`, priority: 1, becomes: 'fact' }, step()).state;
    expect(curiosityAt(state.questions, START, PERSONA_DEFAULTS)).toBe(1);
  });

  it('a question weighs its priority halved every half-life since it was added, or since it was asked', () => {
    const step = stepper();
    let state = addQuestion(freshState(), { text: 'q', priority: 0.8, becomes: 'fact' }, step()).state;
    expect(questionWeight(state.questions[0]!, START + 14 * DAY_MS, PERSONA_DEFAULTS)).toBeCloseTo(0.4, 12);
    state = askQuestion(state, state.questions[0]!.id, step(7)).state;
    expect(questionWeight(state.questions[0]!, START + 21 * DAY_MS, PERSONA_DEFAULTS)).toBeCloseTo(0.4, 12);
    expect(curiosityAt(state.questions, START + 21 * DAY_MS, PERSONA_DEFAULTS)).toBeCloseTo(0.1, 12);
  });

  it('goal drive is the priority of the most important active goal; relatedness is the state', () => {
    const step = stepper();
    let state = freshState();
    expect(computeDrives(state, START, PERSONA_DEFAULTS).goalDrive).toBe(0);
    state = addGoal(state, { text: 'help with the exam', priority: 0.7, term: 'short' }, step()).state;
    state = addGoal(state, { text: 'learn her favourite songs', priority: 0.4, term: 'long' }, step()).state;
    expect(computeDrives(state, START, PERSONA_DEFAULTS)).toEqual({
      boredom: 0,
      curiosity: 0,
      goalDrive: 0.7,
      relatedness: PERSONA_DEFAULTS.initialRelatedness,
    });
  });
});
