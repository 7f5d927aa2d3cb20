// Porter's 1980 suffix-stripping algorithm, so "counseling", "counselor" and "counsel" share a
// search term. Measures are computed with the classic consonant/vowel pattern regexes.
const CONSONANT = '[^aeiou][^aeiouy]*';
const VOWEL = '[aeiouy][aeiou]*';
const MEASURE_ABOVE_0 = new RegExp(`^(${CONSONANT})?${VOWEL}${CONSONANT}`);
const MEASURE_EQUALS_1 = new RegExp(`^(${CONSONANT})?${VOWEL}${CONSONANT}(${VOWEL})?$`);
const MEASURE_ABOVE_1 = new RegExp(`^(${CONSONANT})?${VOWEL}${CONSONANT}${VOWEL}${CONSONANT}`);
const HAS_VOWEL = new RegExp(`^(${CONSONANT})?[aeiouy]`);
const ENDS_CVC = /^[^aeiou][^aeiouy]*[aeiouy][^aeiouwxy]$/;

const STEP2: Record<string, string> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};
const STEP2_SUFFIX =
  /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3: Record<string, string> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};
const STEP3_SUFFIX = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_SUFFIX = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)([st])(ion)$/;

/** Reduces a lowercase English word to its Porter stem ("memories" -> "memori", "running" -> "run"). */
export function stemEnglish(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  const startsWithY = w[0] === 'y';
  if (startsWithY) w = `Y${w.slice(1)}`;

  // Step 1a: plurals.
  if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, '$1$2');
  else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, '$1$2');

  // Step 1b: past tense and gerunds.
  let match = /^(.+?)eed$/.exec(w);
  if (match) {
    if (MEASURE_ABOVE_0.test(match[1]!)) w = w.slice(0, -1);
  } else if ((match = /^(.+?)(ed|ing)$/.exec(w)) && HAS_VOWEL.test(match[1]!)) {
    w = match[1]!;
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    else if (ENDS_CVC.test(w)) w += 'e';
  }

  // Step 1c: terminal y after a vowel-bearing stem.
  match = /^(.+?)y$/.exec(w);
  if (match && HAS_VOWEL.test(match[1]!)) w = `${match[1]}i`;

  // Step 2: double suffixes.
  match = STEP2_SUFFIX.exec(w);
  if (match && MEASURE_ABOVE_0.test(match[1]!)) w = match[1]! + STEP2[match[2]!];

  // Step 3: -ic-, -full, -ness and friends.
  match = STEP3_SUFFIX.exec(w);
  if (match && MEASURE_ABOVE_0.test(match[1]!)) w = match[1]! + STEP3[match[2]!];

  // Step 4: remove remaining suffixes on long stems.
  match = STEP4_SUFFIX.exec(w);
  if (match) {
    if (MEASURE_ABOVE_1.test(match[1]!)) w = match[1]!;
  } else if ((match = STEP4_ION.exec(w)) && MEASURE_ABOVE_1.test(match[1]! + match[2]!)) {
    w = match[1]! + match[2]!;
  }

  // Step 5: tidy a final -e and a double l.
  match = /^(.+?)e$/.exec(w);
  if (match) {
    const stem = match[1]!;
    if (MEASURE_ABOVE_1.test(stem) || (MEASURE_EQUALS_1.test(stem) && !ENDS_CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MEASURE_ABOVE_1.test(w)) w = w.slice(0, -1);

  return startsWithY ? `y${w.slice(1)}` : w;
}
