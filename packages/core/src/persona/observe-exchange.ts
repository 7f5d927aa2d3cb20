import { createEpisode } from '../affect/create-episode.js';
import type { FeltEmotion } from '../affect/appraise-emotion.js';
import { curiosityAt } from './compute-drives.js';
import { endIdleConversation } from './end-conversation.js';
import { bondingText } from './episode-text.js';
import type { PersonaEvent } from './persona-event.js';
import type { PersonaState } from './persona-state.js';
import type { PersonaStep, PersonaTransition } from './persona-step.js';
import { RELATEDNESS_WEIGHTS } from './relatedness-weights.js';

/** One step of relatedness: toward 1 by `rise · weight · intensity` of the gap for warmth and trust, toward 0 by `fall · |weight| · intensity` for hurt. */
export function nextRelatedness(relatedness: number, felt: FeltEmotion, rates: { rise: number; fall: number }): number {
  const push = RELATEDNESS_WEIGHTS[felt.category] * Math.min(1, Math.max(0, felt.intensity));
  const next =
    push >= 0 ? relatedness + rates.rise * push * (1 - relatedness) : relatedness + rates.fall * push * relatedness;
  return Math.min(1, Math.max(0, next));
}

/**
 * An exchange with the person: boredom starts over, the conversation begins (or, after a pause of more
 * than `conversationGapMinutes`, the last one ends and a new one begins), and each persona emotion moves
 * relatedness. A hurt of at least `crisisIntensity` opens a crisis; the first exchange that brings
 * relatedness back to where it stood before closes it with a bonding episode (arousal 0.5 + 0.4 x severity).
 */
export function observeExchange(
  state: PersonaState,
  exchange: { emotions: readonly FeltEmotion[]; text: string | null },
  step: PersonaStep,
): PersonaTransition {
  const { settings, now } = step;
  const events: PersonaEvent[] = [];
  const memories: PersonaTransition['memories'] = [];
  let next: PersonaState = endIdleConversation(state, step, events);
  if (next.conversation === null)
    next = {
      ...next,
      conversation: {
        startedAt: now,
        lastAt: now,
        curiosity: curiosityAt(next.questions, now, settings),
        relatedness: next.relatedness,
      },
    };
  else next = { ...next, conversation: { ...next.conversation, lastAt: now } };

  let { relatedness, crisis } = next;
  const intensities = [...next.intensities];
  for (const felt of exchange.emotions) {
    const before = relatedness;
    relatedness = nextRelatedness(relatedness, felt, {
      rise: settings.relatednessRise,
      fall: settings.relatednessFall,
    });
    intensities.push(Math.min(1, Math.max(0, felt.intensity)));
    const hurt = RELATEDNESS_WEIGHTS[felt.category] < 0 && felt.intensity >= settings.crisisIntensity;
    if (hurt && crisis === null) {
      crisis = { startedAt: now, severity: felt.intensity, relatednessBefore: before };
      events.push({ type: 'crisis_opened', severity: felt.intensity });
    } else if (hurt && crisis !== null) {
      crisis = { ...crisis, severity: Math.max(crisis.severity, felt.intensity) };
    } else if (crisis !== null && RELATEDNESS_WEIGHTS[felt.category] > 0 && relatedness >= crisis.relatednessBefore) {
      const episode = createEpisode({
        type: 'bonding',
        crisisSeverity: crisis.severity,
        namespace: step.namespace,
        text: bondingText(crisis.severity, exchange.text),
        createdAt: new Date(now),
        metadata: { persona: { mended: crisis.startedAt } },
      });
      memories.push({ id: step.newId(), input: episode });
      events.push({ type: 'crisis_mended', severity: crisis.severity });
      crisis = null;
    }
  }
  const last = exchange.emotions.at(-1);
  return {
    state: {
      ...next,
      relatedness,
      crisis,
      intensities: intensities.slice(-settings.emotionWindow),
      lastEmotion: last?.category ?? next.lastEmotion,
      lastExchangeAt: now,
    },
    events,
    memories,
  };
}
