import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the LoCoMo development subset lives: `../shared/data/locomo/` beside the repository root. */
export const LOCOMO_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/data/locomo/locomo-dev3.json',
);

/** LoCoMo question categories (category 5, adversarial, has no evidence to retrieve). */
export const LOCOMO_CATEGORIES: Readonly<Record<number, string>> = Object.freeze({
  1: 'multi-hop',
  2: 'temporal',
  3: 'open-domain',
  4: 'single-hop',
  5: 'adversarial',
});

/** One turn of a conversation. */
export interface LocomoTurn {
  speaker: string;
  /** "D<session>:<turn>", the id evidence refers to. */
  diaId: string;
  text: string;
  /** Caption of the image shared with the turn, if any. */
  blipCaption: string | null;
  session: number;
  /** 0-based position of the turn within its session. */
  indexInSession: number;
  /** When the session took place (read as UTC). */
  sessionDate: Date;
}

/** One question with the turns that hold its answer. */
export interface LocomoQuestion {
  question: string;
  answer: string | null;
  /** Normalised evidence dia ids ("D8:6"). */
  evidence: string[];
  category: number;
}

/** One conversation of LoCoMo. */
export interface LocomoConversation {
  sampleId: string;
  speakers: [string, string];
  turns: LocomoTurn[];
  questions: LocomoQuestion[];
}

interface RawTurn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}

interface RawQuestion {
  question: string;
  answer?: unknown;
  adversarial_answer?: unknown;
  evidence?: string[];
  category: number;
}

interface RawConversation {
  sample_id: string;
  conversation: Record<string, unknown> & { speaker_a: string; speaker_b: string };
  qa: RawQuestion[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const SESSION_DATE = /^(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+),?\s+(\d{4})$/i;

/**
 * Reads the LoCoMo subset, or returns null (after saying why on stderr) when the file is absent,
 * so benchmarks can skip cleanly.
 */
export function loadLocomo(path: string = LOCOMO_PATH): LocomoConversation[] | null {
  if (!existsSync(path)) {
    console.error(`LoCoMo data not found at ${path}; skipping (see ../shared/data/locomo/README.md).`);
    return null;
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawConversation[];
  return raw.map(parseConversation);
}

/** Parses a LoCoMo session date such as "1:56 pm on 8 May, 2023" (as UTC). */
export function parseSessionDate(text: string): Date {
  const match = SESSION_DATE.exec(text.trim());
  if (!match) throw new RangeError(`Unrecognised LoCoMo session date: "${text}"`);
  const [, hourText, minuteText, meridiem, dayText, monthText, yearText] = match;
  const month = MONTHS.indexOf(monthText!.toLowerCase());
  if (month < 0) throw new RangeError(`Unrecognised month in LoCoMo session date: "${text}"`);
  const hour = (Number(hourText) % 12) + (meridiem!.toLowerCase() === 'pm' ? 12 : 0);
  return new Date(Date.UTC(Number(yearText), month, Number(dayText), hour, Number(minuteText)));
}

/**
 * Normalises evidence ids as the data README says: "D8:6; D9:17" is two ids, "D:11:26" drops the
 * stray colon, "D30:05" loses its leading zero.
 */
export function normalizeEvidenceIds(evidence: readonly string[]): string[] {
  const ids: string[] = [];
  for (const entry of evidence) {
    for (const piece of entry.split(/[;,\s]+/)) {
      const match = /^D:?(\d+):(\d+)$/i.exec(piece.trim());
      if (match) ids.push(`D${Number(match[1])}:${Number(match[2])}`);
    }
  }
  return [...new Set(ids)];
}

function parseConversation(raw: RawConversation): LocomoConversation {
  const conversation = raw.conversation;
  const sessions = Object.keys(conversation)
    .map((key) => /^session_(\d+)$/.exec(key))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  const turns: LocomoTurn[] = [];
  for (const session of sessions) {
    const sessionDate = parseSessionDate(String(conversation[`session_${session}_date_time`]));
    (conversation[`session_${session}`] as RawTurn[]).forEach((turn, indexInSession) => {
      turns.push({
        speaker: turn.speaker,
        diaId: normalizeEvidenceIds([turn.dia_id])[0] ?? turn.dia_id,
        text: turn.text,
        blipCaption: turn.blip_caption ?? null,
        session,
        indexInSession,
        sessionDate,
      });
    });
  }
  const questions = raw.qa.map(
    (qa): LocomoQuestion => ({
      question: qa.question,
      answer: qa.answer === undefined ? null : String(qa.answer),
      evidence: normalizeEvidenceIds(qa.evidence ?? []),
      category: qa.category,
    }),
  );
  return { sampleId: raw.sample_id, speakers: [conversation.speaker_a, conversation.speaker_b], turns, questions };
}
