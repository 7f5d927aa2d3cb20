import type { MemoryKind } from '../records/memory-kind.js';
import { conformanceMemory, CONFORMANCE_EPOCH } from '../store/conformance/conformance-memory.js';
import type { StoredMemory } from '../store/memory-store.js';

const MINUTE = 60_000;
const SUBJECTS = ['Ana', 'Bo', 'my sister', 'the kids', 'Grandma', 'Caro', 'Mel'];
const VERBS = [
  'adopted',
  'painted',
  'talked about',
  'went camping with',
  'bought',
  'lost',
  'cooked',
  'visited',
  'practised',
];
const THINGS = [
  'a dog',
  'the cat',
  'a hamster',
  'the cello',
  'pottery',
  'the lake',
  'mental health',
  'counselling',
  'a bicycle',
  'the orchestra',
  'tea',
  'the beach',
  'a puppy',
  'snow',
];
const JAPANESE = ['東京で猫を見た', '鎌倉の海に行った', '試験の前に山に登った', '京都でお茶を飲んだ'];
const TAILS = ['yesterday', 'last weekend', 'with friends', 'because it rained', 'and loved it', '', '', ''];

/** The queries of the ranking case: plain words, thesaurus categories, a named date, Japanese, a phrase. */
export const RANKING_QUERIES: readonly string[] = Object.freeze([
  'What did they adopt on 3 June, 2023?',
  'pets',
  'Who plays the cello in the orchestra?',
  'counselling and mental health',
  'camping by the lake',
  '東京の猫',
  'pottery painting',
  'What happened in May 2023?',
  'bicycle snow',
  'tea with Grandma',
]);

/**
 * A deterministic conversation of about 400 memories for the ranking case: sessions of turns a
 * minute apart with long pauses between them (so relevance spreads inside a session only), a
 * tenth of them facts, a few archived, some tagged, spread over May and June 2023, with repeated
 * wording so that ties, expansion, the date boost and the spread all decide something.
 */
export function rankingCorpus(namespace: string, idPrefix = 'r'): StoredMemory[] {
  let state = 20230603;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const start = Date.UTC(2023, 4, 1, 9) - CONFORMANCE_EPOCH;
  const memories: StoredMemory[] = [];
  let minute = start / MINUTE;
  for (let session = 0; session < 40; session++) {
    minute += 60 * (8 + Math.floor(random() * 30));
    const turns = 6 + Math.floor(random() * 8);
    for (let turn = 0; turn < turns; turn++) {
      const index = memories.length;
      const kind: MemoryKind = random() < 0.1 ? 'fact' : 'episode';
      const text =
        random() < 0.08 ? pick(JAPANESE) : `${pick(SUBJECTS)}: we ${pick(VERBS)} ${pick(THINGS)} ${pick(TAILS)}`.trim();
      memories.push(
        conformanceMemory({
          id: `${idPrefix}${String(index).padStart(3, '0')}`,
          namespace,
          text,
          kind,
          // A few turns share their minute: equal times, ordered by id.
          minute: minute + turn - (random() < 0.05 ? 1 : 0),
          archived: random() < 0.04,
          metadata: random() < 0.2 ? { topic: 'family' } : {},
        }),
      );
    }
  }
  return memories;
}
