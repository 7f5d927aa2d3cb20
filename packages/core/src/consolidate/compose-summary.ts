import { earnedArousal } from '../affect/earned-arousal.js';
import { isCrisisMemory } from '../budget/is-crisis-memory.js';
import { isSmallTalk } from '../compress/small-talk.js';
import { splitSentences } from '../compress/split-sentences.js';
import type { Summarizer } from '../compress/summarizer.js';
import type { MemoryRecord } from '../records/memory-record.js';
import type { TokenCounter } from '../text/token-counter.js';
import { PERIOD_LABEL_PREFIX } from './consolidation-period.js';
import { extractEntities } from '../entities/extract-entities.js';

/** Which children a summary keeps in detail, and how much of its budget they may take. */
export interface DetailRule {
  /** Children at or above this arousal are kept in detail. */
  readonly arousal: number;
  /** Children at or above this utility are kept in detail. */
  readonly utility: number;
  /** Share of the budget that detailed children may fill; the rest summarizes the others. */
  readonly share: number;
  /** Crisis items (`crisis` at or above this) are always kept in detail, first. */
  readonly crisisThreshold: number;
}

/** What one summary is made of. */
export interface ComposeSummaryInput {
  /** Starts the text: when the period was (see `periodLabel`). */
  readonly label: string;
  /** The memories summarized, oldest first. */
  readonly children: readonly MemoryRecord[];
  /** Most characters of the whole text, label included. */
  readonly budgetChars: number;
  readonly detail: DetailRule;
  readonly summarize: Summarizer;
  readonly tokenCounter: TokenCounter;
}

/** Shortest room worth giving a detailed child; less than this and it is summarized with the rest. */
const MIN_DETAIL_CHARS = 40;

/**
 * Writes the text of a consolidation summary within its character budget: the period label, then
 * the salient children (crisis, high arousal, high utility) in detail, most salient first and as
 * written while they fit in their share, then one summary of the others by the injected
 * summarizer (told to keep the names the children mention). The summarizer may overshoot: the
 * result is cut back at a sentence end (or a word, with "…") to fit.
 */
export async function composeSummary(input: ComposeSummaryInput): Promise<string> {
  const { detail } = input;
  const label = `${input.label} `;
  let room = input.budgetChars - label.length;
  // Earned arousal: an excited "Wow, cool!" is not a moment to keep in detail.
  const salience = (child: MemoryRecord) =>
    (isCrisisMemory(child, detail.crisisThreshold) ? 2 : 0) + earnedArousal(child) + child.utility;
  const salient = input.children
    .filter(
      (child) =>
        isCrisisMemory(child, detail.crisisThreshold) ||
        earnedArousal(child) >= detail.arousal ||
        child.utility >= detail.utility,
    )
    .sort((a, b) => salience(b) - salience(a));
  const detailed = new Map<MemoryRecord, string>();
  let detailRoom = Math.floor(room * detail.share);
  for (const child of salient) {
    if (detailRoom < MIN_DETAIL_CHARS) break;
    const text = fitText(bodyOf(child), detailRoom);
    if (text.length === 0) continue;
    detailed.set(child, text);
    detailRoom -= text.length + 1;
    room -= text.length + 1;
  }
  const rest = input.children.filter((child) => !detailed.has(child)).map(bodyOf);
  let restText = '';
  if (rest.length > 0 && room >= MIN_DETAIL_CHARS / 2) {
    const joined = rest.join(' ');
    const charsPerToken = joined.length / Math.max(1, input.tokenCounter.count(joined));
    const preserve = [...new Set(rest.flatMap((text) => extractEntities(text).map((mention) => mention.name)))].slice(
      0,
      20,
    );
    const summary =
      joined.length <= room
        ? joined
        : await input.summarize({ texts: rest, targetTokens: Math.max(1, Math.floor(room / charsPerToken)), preserve });
    restText = fitText(summary.replace(/\s+/gu, ' ').trim(), room);
  }
  // Detailed children keep their order in time.
  const parts = input.children.flatMap((child) => (detailed.has(child) ? [detailed.get(child)!] : []));
  if (restText.length > 0) parts.push(restText);
  return fitText(`${label}${parts.join(' ')}`.trim(), input.budgetChars);
}

/** A child's text for summarizing: its stored compact form when it has one, without a period label. */
function bodyOf(child: MemoryRecord): string {
  const text = child.summary !== null && child.summary.length < child.text.length ? child.summary : child.text;
  return text.replace(PERIOD_LABEL_PREFIX, '').replace(/\s+/gu, ' ').trim();
}

/** The text cut to at most `budget` characters: whole sentences that are not small talk when one fits, else whole words and "…". */
export function fitText(text: string, budget: number): string {
  if (text.length <= budget) return text;
  if (budget <= 1) return '';
  let kept = '';
  // Cut greetings and laughter before any sentence that says something.
  for (const sentence of splitSentences(text).filter((sentence) => !isSmallTalk(sentence))) {
    const next = kept === '' ? sentence : `${kept} ${sentence}`;
    if (next.length > budget) break;
    kept = next;
  }
  if (kept.length > 0) return kept;
  // Never end on half a surrogate pair: stored text stays well-formed.
  const cut = text.slice(0, budget - 1).replace(/[\uD800-\uDBFF]$/u, '');
  const space = cut.lastIndexOf(' ');
  return `${(space > budget / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
