/** A made-up word per index (three syllables), so that texts built from different indexes share no vocabulary and are never duplicates. */
export function madeUpWord(index: number): string {
  const syllables = ['ka', 'mi', 'to', 'ru', 'sa', 'no', 'be', 'li', 'po', 'zu', 'ha', 'ne', 'vo', 'gi', 'fe', 'da'];
  let value = index * 7919 + 13;
  let result = '';
  for (let i = 0; i < 3; i++) {
    result += syllables[value % syllables.length];
    value = Math.floor(value / syllables.length) + 31 * (i + 1);
  }
  return result;
}
