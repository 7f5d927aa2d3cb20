// Deterministic synthetic conversation turns for latency benchmarks: chat-like English sentences
// whose words follow a Zipf-like law (a few very common, a long tail of rare ones, including
// made-up names and places), with about one turn in eight in Japanese.

import { seededRandom as mulberry32 } from '../../packages/core/test/seeded-random.js';

/** A seeded generator of turns and questions; the same seed gives the same text. */
export interface SyntheticText {
  /** The i-th turn ("Speaker: sentence"). */
  turn(): string;
  /** A question in the style of the turns. */
  question(): string;
}

const SPEAKERS = ['Aiko', 'Ben', 'Carla', 'Dev', 'Emi', 'Farid', 'Grace', 'Hiro'];
const NOUNS = (
  'time day week friend family work job dog cat book movie song game trip beach park house car city school class ' +
  'teacher kid mom dad sister brother party dinner lunch coffee tea cake garden painting photo camera guitar piano ' +
  'concert museum library hospital doctor race marathon project meeting office boss team colleague neighbour ' +
  'weekend holiday birthday wedding gift letter phone laptop app website blog podcast recipe kitchen bread pasta ' +
  'soup salad pizza bike train bus flight hotel mountain river lake forest island village festival market shop ' +
  'store shelter volunteer charity club group class course exam degree internship interview career plan goal ' +
  'dream memory story idea problem question answer advice support help moment feeling mood stress anxiety joy ' +
  'pottery sculpture poem novel comic drawing sketch canvas studio exhibit gallery workshop lesson practice ' +
  'yoga gym swim hike run walk camping tent fire star sky sunset sunrise rain snow storm weather season spring ' +
  'summer autumn winter morning evening night hour minute year month language word sign name dress shoe hat'
).split(' ');
const VERBS = (
  'went saw made took found loved tried started finished visited joined bought read watched played cooked baked ' +
  'painted wrote learned taught helped met called missed planned booked adopted fixed built cleaned shared told ' +
  'asked enjoyed hated lost won ran walked drove flew moved signed picked organised celebrated'
).split(' ');
const ADJECTIVES = (
  'new old great big small little nice lovely amazing awesome beautiful hard easy tough fun funny crazy quiet busy ' +
  'happy sad proud nervous excited tired calm warm cold early late local favourite special huge tiny bright dark'
).split(' ');
const TIMES = [
  'yesterday',
  'last week',
  'last weekend',
  'this morning',
  'a few days ago',
  'last month',
  'on Friday',
  'tonight',
  'recently',
];
const SYLLABLES = [
  'ka',
  'ri',
  'to',
  'mo',
  'sa',
  'len',
  'var',
  'ith',
  'dor',
  'ne',
  'lu',
  'mi',
  'zan',
  'per',
  'qui',
  'bel',
  'ost',
  'ra',
  'ven',
  'tal',
];
const JA_NOUNS = (
  '東京 京都 大阪 友達 家族 仕事 会社 学校 先生 映画 音楽 旅行 料理 写真 散歩 公園 図書館 病院 誕生日 週末 ' +
  '猫 犬 本 絵 歌 海 山 雨 雪 桜 温泉 駅 電車 カフェ コーヒー ケーキ ラーメン 寿司 ギター ピアノ'
).split(' ');
const JA_VERBS = [
  '行きました',
  '見ました',
  '作りました',
  '買いました',
  '読みました',
  '食べました',
  '会いました',
  '始めました',
  '楽しみました',
  '描きました',
];
const JA_TIMES = ['昨日', '先週', '今朝', '週末に', '先月', '最近'];

const ENGLISH_TEMPLATES: ((pick: Picker) => string)[] = [
  (p) => `I ${p.verb()} a ${p.adjective()} ${p.noun()} ${p.time()} and it was ${p.adjective()}!`,
  (p) => `We ${p.verb()} the ${p.noun()} at ${p.name()} ${p.time()}, the ${p.noun()} was so ${p.adjective()}.`,
  (p) => `Have you ever ${p.verb()} a ${p.noun()}? My ${p.noun()} ${p.verb()} one in ${p.name()}.`,
  (p) => `Thanks! The ${p.noun()} and the ${p.noun()} really helped me with my ${p.noun()}.`,
  (p) => `That sounds ${p.adjective()}. I'm ${p.adjective()} about the ${p.noun()} ${p.time()}.`,
  (p) => `${p.name()} ${p.verb()} my ${p.adjective()} ${p.noun()}, so I ${p.verb()} a ${p.noun()} for the ${p.noun()}.`,
  (p) => `Wow, a ${p.noun()}? I've been thinking about ${p.noun()} and ${p.noun()} a lot lately.`,
  (p) => `My ${p.noun()} and I ${p.verb()} a ${p.adjective()} ${p.noun()} near the ${p.noun()} ${p.time()}.`,
];
const ENGLISH_QUESTIONS: ((pick: Picker) => string)[] = [
  (p) => `What did ${p.speaker()} ${p.verbBase()} ${p.time()}?`,
  (p) => `When did ${p.speaker()} go to the ${p.noun()}?`,
  (p) => `What ${p.noun()} does ${p.speaker()} like?`,
  (p) => `Where did ${p.speaker()} see the ${p.adjective()} ${p.noun()}?`,
  (p) => `How does ${p.speaker()} feel about ${p.noun()} and ${p.noun()}?`,
];
const JAPANESE_TEMPLATES: ((pick: Picker) => string)[] = [
  (p) => `${p.jaTime()}${p.jaNoun()}で${p.jaNoun()}を${p.jaVerb()}。`,
  (p) => `${p.jaNoun()}と${p.jaNoun()}の話をしました。とても楽しかったです。`,
  (p) => `${p.jaTime()}${p.jaNoun()}に${p.jaVerb()}。${p.jaNoun()}が好きです。`,
];

interface Picker {
  noun(): string;
  verb(): string;
  verbBase(): string;
  adjective(): string;
  time(): string;
  name(): string;
  speaker(): string;
  jaNoun(): string;
  jaVerb(): string;
  jaTime(): string;
}

/** Creates a deterministic generator; `rareNames` sets the size of the long tail of made-up names. */
export function createSyntheticText(seed: number, rareNames = 20_000): SyntheticText {
  const random = mulberry32(seed);
  const zipf = (size: number, exponent = 0.9) => createZipfSampler(size, exponent, random);
  const nounRank = zipf(NOUNS.length);
  const verbRank = zipf(VERBS.length);
  const adjectiveRank = zipf(ADJECTIVES.length);
  const nameRank = zipf(rareNames, 1);
  const jaNounRank = zipf(JA_NOUNS.length);
  const uniform = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pick: Picker = {
    noun: () => NOUNS[nounRank()]!,
    verb: () => VERBS[verbRank()]!,
    verbBase: () => uniform(['do', 'make', 'buy', 'paint', 'read', 'cook', 'visit', 'learn', 'plan']),
    adjective: () => ADJECTIVES[adjectiveRank()]!,
    time: () => uniform(TIMES),
    name: () => madeUpName(nameRank()),
    speaker: () => uniform(SPEAKERS),
    jaNoun: () => JA_NOUNS[jaNounRank()]!,
    jaVerb: () => uniform(JA_VERBS),
    jaTime: () => uniform(JA_TIMES),
  };
  return {
    turn: () => {
      const speaker = pick.speaker();
      if (random() < 0.125) return `${speaker}: ${uniform(JAPANESE_TEMPLATES)(pick)}`;
      const sentences = 1 + Math.floor(random() * 3);
      return `${speaker}: ${Array.from({ length: sentences }, () => uniform(ENGLISH_TEMPLATES)(pick)).join(' ')}`;
    },
    question: () =>
      random() < 0.125
        ? `${pick.jaNoun()}と${pick.jaNoun()}について何を話しましたか？`
        : uniform(ENGLISH_QUESTIONS)(pick),
  };
}

/** A made-up capitalised name for rank r (rank 0 is the most common). */
function madeUpName(rank: number): string {
  let name = '';
  let value = rank + 1;
  while (value > 0) {
    name += SYLLABLES[value % SYLLABLES.length];
    value = Math.floor(value / SYLLABLES.length);
  }
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Samples ranks 0..size-1 with probability proportional to 1 / (rank + 1)^exponent. */
function createZipfSampler(size: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) cumulative[rank] = total += 1 / (rank + 1) ** exponent;
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}
