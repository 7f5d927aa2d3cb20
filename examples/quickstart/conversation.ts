import type { RememberInput } from '@resonant/core';

const NAMESPACE = 'user:ana/agent:mika';

/** A short companion conversation over three sessions, in English and Japanese, written for this demo. */
export function conversation(namespace = NAMESPACE): RememberInput[] {
  const at = (iso: string) => new Date(iso);
  return [
    // Session 1: getting to know each other.
    {
      namespace,
      createdAt: at('2026-04-03T20:00:00Z'),
      text: 'Ana: I just moved to Sapporo for a nursing job at the city hospital.',
    },
    {
      namespace,
      createdAt: at('2026-04-03T20:02:00Z'),
      text: 'Ana: My shiba inu Mochi hates the snow, he refuses to walk when it is cold.',
    },
    {
      namespace,
      createdAt: at('2026-04-03T20:05:00Z'),
      text: 'Ana: I drink my coffee black, no sugar.',
      kind: 'preference',
    },
    // Session 2: a hard week.
    {
      namespace,
      createdAt: at('2026-04-10T23:30:00Z'),
      text: 'Ana: 夜勤が続いて、もう限界…涙が止まらない。',
      arousal: 0.85,
      valence: -0.7,
    },
    {
      namespace,
      createdAt: at('2026-04-10T23:35:00Z'),
      text: 'Ana: My mother called from Osaka and we talked for an hour, it helped a lot.',
      arousal: 0.5,
      valence: 0.6,
    },
    // Session 3: good news.
    {
      namespace,
      createdAt: at('2026-04-24T19:00:00Z'),
      text: 'Ana: 試験に合格した！やっと正看護師になれた！',
      arousal: 0.9,
      valence: 0.9,
    },
    {
      namespace,
      createdAt: at('2026-04-24T19:04:00Z'),
      text: 'Ana: We are celebrating with ramen in Susukino tonight.',
    },
  ];
}

export { NAMESPACE };
