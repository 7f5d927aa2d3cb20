// Calibrates when an estimated arousal earns an "intense" mark in the memory block (issue 13, item 4).
// The estimate (`estimateArousal`) reads cues such as exclamation marks, emoji and emotion words, so
// cheerful small talk scores high: on LoCoMo's everyday chat its median is about 0.5. A mark the
// model reads must mean something, so an estimate earns one only above a threshold chosen here:
// the lowest at which at most 5 % of the everyday texts are marked, both the labelled ones and
// LoCoMo's dev turns (chat between friends: nearly all everyday, a few really intense), reported with
// the share of the labelled intense texts still marked (recall) and the F1 of every candidate. Arousal from an explicit signal (a caller's value, feedback)
// is marked from 0.6 as before; this threshold is for estimates only.
import { estimateArousal } from '@resonant/core';
import { EARNED_AROUSAL_DEFAULTS } from '@resonant/core/context';
import { loadLocomo } from '../lib/load-locomo.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { turnText } from '../lib/remember-conversation.js';
import { writeResult } from '../lib/write-result.js';
import { EVERYDAY_TEXTS, INTENSE_TEXTS } from './labelled-texts.js';

const MAX_EVERYDAY_MARKED = 0.05;
const intense = INTENSE_TEXTS.map((text) => estimateArousal(text).arousal);
const everyday = EVERYDAY_TEXTS.map((text) => estimateArousal(text).arousal);
const locomo = (loadLocomo() ?? []).flatMap((conversation) =>
  conversation.turns.map((turn) => estimateArousal(turnText(turn)).arousal),
);

const share = (values: readonly number[], threshold: number) =>
  values.length === 0 ? null : values.filter((value) => value >= threshold).length / values.length;
const thresholds = Array.from({ length: 41 }, (_, index) => Math.round((0.5 + index * 0.0125) * 10_000) / 10_000);
const rows = thresholds.map((threshold) => {
  const recall = share(intense, threshold)!;
  const falseMarks = share(everyday, threshold)!;
  const truePositives = recall * intense.length;
  const precision =
    truePositives + falseMarks * everyday.length === 0
      ? 1
      : truePositives / (truePositives + falseMarks * everyday.length);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, recall, falseMarks, precision, f1, locomoMarked: share(locomo, threshold) };
});
const chosen = rows.find(
  (row) => row.falseMarks <= MAX_EVERYDAY_MARKED && (row.locomoMarked ?? 0) <= MAX_EVERYDAY_MARKED,
)!;
const table: Cell[][] = [['threshold', 'intense marked', 'everyday marked', 'precision', 'F1', 'LoCoMo turns marked']];
for (const row of rows.filter((_, index) => index % 4 === 0 || rows[index] === chosen)) {
  table.push([
    `${row.threshold}${row === chosen ? ' (chosen)' : ''}`,
    row.recall,
    row.falseMarks,
    row.precision,
    row.f1,
    row.locomoMarked,
  ]);
}
printTable(table, {
  title: `Estimated arousal that earns an "intense" mark (${intense.length} intense, ${everyday.length} everyday texts, ${locomo.length} LoCoMo turns)`,
});
console.log(
  `in use: EARNED_AROUSAL_DEFAULTS.estimatedFloor = ${EARNED_AROUSAL_DEFAULTS.estimatedFloor}; this run chooses ${chosen.threshold}`,
);
writeResult('arousal-calibration', {
  rule: `lowest threshold marking at most ${MAX_EVERYDAY_MARKED * 100} % of the labelled everyday texts and of LoCoMo dev turns`,
  rows,
  summary: {
    'chosen threshold': chosen.threshold,
    'threshold in use': EARNED_AROUSAL_DEFAULTS.estimatedFloor,
    'intense texts marked': Math.round(chosen.recall * 1000) / 1000,
    'everyday texts marked': Math.round(chosen.falseMarks * 1000) / 1000,
    'LoCoMo turns marked (was, at 0.6)': `${Math.round((chosen.locomoMarked ?? 0) * 1000) / 1000} (${Math.round((share(locomo, 0.6) ?? 0) * 1000) / 1000})`,
  },
});
