// The partial-cue experiment of the design documents: facts shown once inside noise text, then
// recalled in a fresh context with only their first two words as the cue.
import { createSeededRandom } from '@resonant/core/research';

const NAMES = [
  'Orla',
  'Kenji',
  'Marta',
  'Tobias',
  'Aiko',
  'Samir',
  'Ingrid',
  'Dario',
  'Lena',
  'Hugo',
  'Yuki',
  'Nadia',
  'Felix',
  'Rosa',
  'Omar',
  'Clara',
  'Ravi',
  'Greta',
  'Milo',
  'Sofia',
];
const VERBS = [
  'painted',
  'repaired',
  'borrowed',
  'hid',
  'sold',
  'found',
  'lost',
  'cleaned',
  'wrapped',
  'carried',
  'measured',
  'opened',
  'dropped',
  'polished',
  'photographed',
  'weighed',
  'returned',
  'locked',
  'counted',
  'packed',
];
const OBJECTS = [
  'lantern',
  'violin',
  'bicycle',
  'teapot',
  'compass',
  'ladder',
  'kite',
  'clock',
  'mirror',
  'suitcase',
  'telescope',
  'umbrella',
  'blanket',
  'notebook',
  'basket',
  'helmet',
  'camera',
  'rug',
  'vase',
  'drum',
  'shovel',
  'jacket',
  'map',
  'candle',
  'kettle',
];
const PLACES = [
  'harbour',
  'attic',
  'market',
  'library',
  'bakery',
  'garage',
  'station',
  'garden',
  'museum',
  'bridge',
  'cellar',
  'chapel',
  'pier',
  'orchard',
  'workshop',
  'stadium',
  'pharmacy',
  'theatre',
  'barn',
  'clinic',
];
const WHEN = [
  'on Monday',
  'at dawn',
  'after lunch',
  'last winter',
  'before the storm',
  'at midnight',
  'on Sunday',
  'in the rain',
  'during the fair',
  'yesterday',
];
const FILLER = [
  'It was an ordinary day.',
  'Nobody said much about it.',
  'The weather kept changing.',
  'Everyone was busy with something.',
  'There was tea afterwards.',
  'Someone laughed in the next room.',
];

/** One fact hidden in the corpus: its text, its two-word cue and where it was shown. */
export interface PartialCueFact {
  text: string;
  cue: string;
  session: number;
  turn: number;
}

/** The corpus: sessions of turns (texts), one fact hidden in a turn of each session. */
export interface PartialCueCorpus {
  sessions: string[][];
  facts: PartialCueFact[];
}

/**
 * Builds the corpus from a seed: every session has `turnsPerSession` turns of noise sentences built
 * from the same names, verbs, objects and places as the facts (so the cue's words alone are common),
 * and one turn where a fact sits between two noise sentences. A fact's name-verb pair is never used
 * by noise or by another fact: the fact is shown exactly once.
 */
export function buildPartialCueCorpus(options: {
  sessions: number;
  turnsPerSession: number;
  seed: number;
}): PartialCueCorpus {
  const random = createSeededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const factPairs = new Set<string>();
  const facts: PartialCueFact[] = [];
  while (facts.length < options.sessions) {
    const pair = `${pick(NAMES)} ${pick(VERBS)}`;
    if (factPairs.has(pair)) continue;
    factPairs.add(pair);
    facts.push({
      text: `${pair} the ${pick(OBJECTS)} at the ${pick(PLACES)} ${pick(WHEN)}.`,
      cue: pair,
      session: facts.length,
      turn: Math.floor(random() * options.turnsPerSession),
    });
  }
  const noise = (): string => {
    for (;;) {
      const pair = `${pick(NAMES)} ${pick(VERBS)}`;
      if (factPairs.has(pair)) continue;
      return random() < 0.25 ? pick(FILLER) : `${pair} a ${pick(OBJECTS)} near the ${pick(PLACES)} ${pick(WHEN)}.`;
    }
  };
  const sessions = facts.map((fact) =>
    Array.from({ length: options.turnsPerSession }, (_, turn) =>
      turn === fact.turn ? `${noise()} ${fact.text} ${noise()}` : `${noise()} ${noise()} ${noise()}`,
    ),
  );
  return { sessions, facts };
}
