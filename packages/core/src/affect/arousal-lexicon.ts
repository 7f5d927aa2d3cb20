/** Which arousal feature a lexicon entry feeds. */
export type LexiconFeature = 'emotion_word' | 'tears' | 'body' | 'intensifier';

/** One graded entry: how intense (0..1) the word is when it appears. */
export interface LexiconEntry {
  readonly feature: LexiconFeature;
  readonly weight: number;
}

/**
 * Japanese entries, matched as substrings of the NFKC-normalised text (longest first, so 大好き is not
 * also counted as 好き). Weights grade intensity within a feeling: 嬉しい 0.4 < 歓喜 0.8 < 狂喜 0.95.
 * Stems without their inflection (嬉し, 悲し) match every form.
 */
export const JAPANESE_AROUSAL_LEXICON: ReadonlyMap<string, LexiconEntry> = new Map([
  // Joy, love, excitement.
  ...entries('emotion_word', {
    狂喜: 0.95, 歓喜: 0.8, 愛してる: 0.65, 愛してい: 0.6, 大好き: 0.55, だいすき: 0.55, 大すき: 0.55, 最高: 0.5, 感動: 0.6,
    興奮: 0.65, 幸せ: 0.45, しあわせ: 0.45, 嬉し: 0.4, うれし: 0.4, 楽し: 0.35, たのし: 0.35, やった: 0.45, わーい: 0.45,
    すごい: 0.3, すげー: 0.35, ワクワク: 0.5, わくわく: 0.5, ドキドキ: 0.5, どきどき: 0.5, 好き: 0.25, 誇らし: 0.45,
  }),
  // Sadness, despair.
  ...entries('emotion_word', {
    死にたい: 0.95, 消えたい: 0.9, 絶望: 0.85, 苦し: 0.5, 辛い: 0.45, つらい: 0.45, 切ない: 0.45, 傷つ: 0.5, 悲し: 0.4,
    かなし: 0.4, 寂し: 0.35, さみし: 0.35, さびし: 0.35, 落ち込: 0.35, 最悪: 0.5, 孤独: 0.4,
  }),
  // Anger.
  ...entries('emotion_word', {
    ふざけるな: 0.7, 許せない: 0.65, 大嫌い: 0.6, ムカつ: 0.55, むかつ: 0.55, 腹が立: 0.55, 怒: 0.5, イライラ: 0.5,
    キレ: 0.45, 嫌い: 0.3,
  }),
  // Fear, shock.
  ...entries('emotion_word', {
    パニック: 0.75, 恐怖: 0.7, 恐ろし: 0.65, 怖: 0.5, こわい: 0.5, 信じられない: 0.55, ショック: 0.55, びっくり: 0.45,
    驚: 0.45, やばい: 0.4, ヤバい: 0.4, 不安: 0.4, 心配: 0.3, まさか: 0.35,
  }),
  // Calm thanks: some feeling, little arousal.
  ...entries('emotion_word', { 感謝: 0.25, 助かった: 0.2, ありがと: 0.12 }),
  ...entries('tears', { 号泣: 0.85, 嗚咽: 0.8, 涙: 0.6, 泣: 0.55, うるうる: 0.45 }),
  ...entries('body', {
    頭が真っ白: 0.7, 動悸: 0.6, 手が震: 0.6, 震え: 0.55, 震える: 0.55, 鳥肌: 0.55, 吐きそう: 0.55, 眠れな: 0.45, 心臓: 0.4,
    胸が: 0.35, 息が: 0.35,
  }),
  ...entries('intensifier', {
    すぎ: 1, 過ぎ: 1, 止まらな: 1, 止まらん: 1, たまらな: 1, 堪らな: 1, 死ぬほど: 1, 本当に: 1, ほんとに: 1, めちゃくちゃ: 1,
    めっちゃ: 1, めちゃ: 1, とても: 1, すごく: 1, 心から: 1, 超: 1,
  }),
]);

/**
 * English entries, matched against lowercased words; a trailing `*` matches any ending (excit* →
 * excited, exciting, excitement). Multi-word entries are matched as phrases.
 */
export const ENGLISH_AROUSAL_LEXICON: ReadonlyMap<string, LexiconEntry> = new Map([
  ...entries('emotion_word', {
    ecstatic: 0.95, overjoyed: 0.9, euphoric: 0.9, thrilled: 0.75, elated: 0.75, 'excit*': 0.6, delighted: 0.5, amazing: 0.5,
    incredible: 0.5, fantastic: 0.5, awesome: 0.45, wonderful: 0.45, love: 0.45, loved: 0.45, loving: 0.45, 'adore*': 0.5,
    yay: 0.5, wow: 0.45, omg: 0.5, proud: 0.45, happy: 0.35, beautiful: 0.35, glad: 0.25, fun: 0.25, great: 0.2, nice: 0.15,
  }),
  ...entries('emotion_word', {
    'suicid*': 0.95, devastated: 0.9, heartbroken: 0.85, despair: 0.75, hopeless: 0.65, miserable: 0.6, grief: 0.6,
    grieving: 0.6, depressed: 0.55, hurt: 0.45, sad: 0.35, unhappy: 0.35, lonely: 0.35,
  }),
  ...entries('emotion_word', {
    enraged: 0.9, furious: 0.85, livid: 0.85, outraged: 0.75, pissed: 0.6, 'hate*': 0.55, angry: 0.55, 'frustrat*': 0.45,
    mad: 0.45, annoyed: 0.35, irritated: 0.35,
  }),
  ...entries('emotion_word', {
    terrified: 0.85, horrified: 0.8, terrifying: 0.8, 'panic*': 0.75, frightened: 0.6, dread: 0.6, shocked: 0.6, stunned: 0.6,
    scared: 0.55, 'astonish*': 0.55, unbelievable: 0.5, afraid: 0.5, anxious: 0.45, anxiety: 0.45, nervous: 0.4, worried: 0.35,
  }),
  ...entries('emotion_word', { grateful: 0.25, thanks: 0.1, thank: 0.1 }),
  ...entries('tears', { 'sob*': 0.7, 'weep*': 0.65, tears: 0.6, crying: 0.6, cry: 0.55, cried: 0.55 }),
  ...entries('body', {
    "can't breathe": 0.6, "couldn't breathe": 0.6, 'heart racing': 0.55, 'heart pounding': 0.55, 'heart was racing': 0.55,
    'heart was pounding': 0.55, "couldn't sleep": 0.4, trembling: 0.6, shaking: 0.55, goosebumps: 0.55, chills: 0.45,
    'shiver*': 0.45, nauseous: 0.4,
  }),
  ...entries('intensifier', {
    so: 1, very: 1, really: 1, extremely: 1, totally: 1, absolutely: 1, incredibly: 1, super: 1, too: 1, utterly: 1,
    completely: 1, truly: 1, insanely: 1, "couldn't stop": 1, "can't stop": 1,
  }),
]);

function entries(feature: LexiconFeature, weights: Record<string, number>): [string, LexiconEntry][] {
  return Object.entries(weights).map(([word, weight]) => [word, { feature, weight }]);
}
