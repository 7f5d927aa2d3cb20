import { describe, expect, it } from 'vitest';
import { DAY_MS, freshState, START, stepper } from '../../test/persona-step.js';
import { endConversation } from './end-conversation.js';
import { nextRelatedness, observeExchange } from './observe-exchange.js';
import { addQuestion, resolveQuestion } from './question-lifecycle.js';
import { settlePersona } from './settle-persona.js';

const rates = { rise: 0.15, fall: 0.3 };
const MINUTE_MS = 60_000;

describe('relatedness', () => {
  it('rises with warmth and trust and falls with hurt, staying in 0..1', () => {
    expect(nextRelatedness(0.3, { category: 'love', intensity: 1 }, rates)).toBeCloseTo(0.3 + 0.15 * 0.7, 12);
    expect(nextRelatedness(0.3, { category: 'relief', intensity: 0.5 }, rates)).toBeCloseTo(
      0.3 + 0.15 * 0.6 * 0.5 * 0.7,
      12,
    );
    expect(nextRelatedness(0.3, { category: 'anger', intensity: 1 }, rates)).toBeCloseTo(0.3 - 0.3 * 0.3, 12);
    expect(nextRelatedness(0.3, { category: 'neutral', intensity: 1 }, rates)).toBe(0.3);
    let value = 0.5;
    for (let index = 0; index < 200; index++) value = nextRelatedness(value, { category: 'love', intensity: 1 }, rates);
    expect(value).toBeLessThanOrEqual(1);
    for (let index = 0; index < 200; index++)
      value = nextRelatedness(value, { category: 'anger', intensity: 1 }, rates);
    expect(value).toBeGreaterThanOrEqual(0);
    // Two-way, unlike a devotion counter: hurt undoes warmth.
    expect(
      nextRelatedness(
        nextRelatedness(0.5, { category: 'gratitude', intensity: 0.8 }, rates),
        { category: 'loneliness', intensity: 0.8 },
        rates,
      ),
    ).toBeLessThan(0.5);
  });
});

describe('an exchange', () => {
  it('resets boredom, keeps the last 10 intensities and starts a conversation', () => {
    const step = stepper();
    let state = freshState();
    for (let index = 0; index < 12; index++)
      state = observeExchange(
        state,
        { emotions: [{ category: 'calm', intensity: index / 20 }], text: null },
        step(index / (24 * 60)),
      ).state;
    expect(state.intensities).toHaveLength(10);
    expect(state.intensities[0]).toBeCloseTo(0.1, 12);
    expect(state.lastExchangeAt).toBe(START + (11 / (24 * 60)) * DAY_MS);
    expect(state.conversation).toMatchObject({ startedAt: START });
    expect(state.lastEmotion).toBe('calm');
  });

  it('opens a crisis on a hurt of 0.5 or more and mends it with a bonding episode of arousal 0.5 + 0.4 x severity', () => {
    const step = stepper();
    let state = { ...freshState(), relatedness: 0.6 };
    const hurt = observeExchange(
      state,
      { emotions: [{ category: 'loneliness', intensity: 0.7 }], text: 'You forgot my birthday.' },
      step(),
    );
    expect(hurt.events).toEqual([{ type: 'crisis_opened', severity: 0.7 }]);
    expect(hurt.state.crisis).toEqual({ startedAt: START, severity: 0.7, relatednessBefore: 0.6 });
    state = observeExchange(
      hurt.state,
      { emotions: [{ category: 'anger', intensity: 0.9 }], text: null },
      step(0.01),
    ).state;
    expect(state.crisis!.severity).toBe(0.9);
    let mended = observeExchange(state, { emotions: [{ category: 'gratitude', intensity: 0.5 }], text: null }, step(1));
    expect(mended.memories).toEqual([]); // still below where it was
    for (let day = 2; mended.memories.length === 0 && day < 40; day++)
      mended = observeExchange(
        mended.state,
        { emotions: [{ category: 'love', intensity: 1 }], text: 'Thank you for staying.' },
        step(day),
      );
    expect(mended.state.crisis).toBeNull();
    expect(mended.state.relatedness).toBeGreaterThanOrEqual(0.6);
    expect(mended.events).toContainEqual({ type: 'crisis_mended', severity: 0.9 });
    expect(mended.memories[0]!.input).toMatchObject({
      kind: 'episode',
      arousal: 0.5 + 0.4 * 0.9,
      crisis: 0.9,
      metadata: { episode: 'bonding' },
    });
    expect(mended.memories[0]!.input.text).toContain('Thank you for staying.');
  });

  it('a mild hurt opens no crisis', () => {
    const step = stepper();
    expect(
      observeExchange(freshState(), { emotions: [{ category: 'sadness', intensity: 0.4 }], text: null }, step()).state
        .crisis,
    ).toBeNull();
  });
});

describe('the end of a conversation', () => {
  it('has the arousal of what it changed and becomes an episode when given a text', () => {
    const step = stepper();
    let state = addQuestion(
      freshState(),
      { text: 'Where did she grow up?', priority: 0.8, becomes: 'fact' },
      step(),
    ).state; // curiosity 0.4
    state = observeExchange(state, { emotions: [{ category: 'joy', intensity: 0.2 }], text: null }, step()).state;
    state = resolveQuestion(state, { id: state.questions[0]!.id, answer: 'Kamakura' }, step()).state; // curiosity 0
    state = observeExchange(
      state,
      { emotions: [{ category: 'love', intensity: 0.8 }], text: null },
      step(10 / (24 * 60)),
    ).state;
    const relatednessChange = state.relatedness - 0.3;
    const ended = endConversation(state, { text: 'We talked about Kamakura.' }, step(20 / (24 * 60)));
    const variance = (0.3 * 0.3 + 0.3 * 0.3) / 2;
    expect(ended.arousal).toBeCloseTo(0.35 * 0.4 + 0.35 * variance + 0.3 * relatednessChange, 12);
    expect(ended.memories[0]!.input).toMatchObject({
      kind: 'episode',
      text: 'We talked about Kamakura.',
      arousal: ended.arousal,
    });
    expect(ended.state.conversation).toBeNull();
    expect(endConversation(ended.state, { text: null }, step(1)).arousal).toBe(0);
  });

  it('ends by itself after a pause longer than 30 minutes, reporting its arousal', () => {
    const step = stepper();
    const state = observeExchange(
      freshState(),
      { emotions: [{ category: 'love', intensity: 1 }], text: null },
      step(),
    ).state;
    expect(settlePersona(state, { ...step(), now: START + 30 * MINUTE_MS }).state.conversation).not.toBeNull();
    const later = settlePersona(state, { ...step(), now: START + 31 * MINUTE_MS });
    expect(later.state.conversation).toBeNull();
    expect(later.events).toEqual([{ type: 'conversation_ended', arousal: expect.closeTo(0.3 * 0.15 * 0.7, 12) }]);
    // The next exchange starts a new conversation from the drives of then.
    const next = observeExchange(state, { emotions: [], text: null }, step(1));
    expect(next.state.conversation).toMatchObject({ startedAt: START + DAY_MS, relatedness: state.relatedness });
  });
});
