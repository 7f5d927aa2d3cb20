// Tag-stripper throughput: a long model-output stream (English and Japanese, a feedback tag every few
// hundred characters, stray `<` that are not tags) pushed through createTagStripper in small and large
// chunks, next to a plain copy of the same chunks (the floor: what passing text through costs) and
// parseFeedbackTags on the whole text, all in the same run. MB are UTF-8 megabytes of the stream.
import { createTagStripper, FEEDBACK_DEFAULTS, parseFeedbackTags } from '@resonant/core';
import { median, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { writeResult } from '../lib/write-result.js';

const STREAM_CHARACTERS = 4_000_000;
const RUNS = 9;
const CHUNK_SIZES = [16, 4096];

const { text, visible, tagCount } = buildStream(STREAM_CHARACTERS);
const megabytes = Buffer.byteLength(text, 'utf8') / 1_000_000;
// One stream keeps at most maxTags tags (the rest are still stripped, and reported as dropped).
const keptTags = Math.min(tagCount, FEEDBACK_DEFAULTS.maxTags);

interface Measurement {
  name: string;
  chunk: number | null;
  timesMs: number[];
}

const measurements: Measurement[] = [];
for (const chunkSize of CHUNK_SIZES) {
  const chunks: string[] = [];
  for (let offset = 0; offset < text.length; offset += chunkSize) chunks.push(text.slice(offset, offset + chunkSize));
  const copy: Measurement = { name: 'plain copy', chunk: chunkSize, timesMs: [] };
  const strip: Measurement = { name: 'createTagStripper', chunk: chunkSize, timesMs: [] };
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const order = run % 2 === 0 ? [copy, strip] : [strip, copy];
    for (const measurement of order)
      measurement.timesMs.push(measurement === copy ? timeCopy(chunks) : timeStrip(chunks));
  }
  measurements.push(copy, strip);
}
const whole: Measurement = { name: 'parseFeedbackTags (whole text)', chunk: null, timesMs: [] };
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const parsed = parseFeedbackTags(text);
  whole.timesMs.push(performance.now() - started);
  if (parsed.text !== visible || parsed.tags.length !== keptTags)
    throw new Error('parseFeedbackTags disagrees with the generated stream');
}
measurements.push(whole);

const rows: Cell[][] = [['method', 'chunk', 'median ms', 'p95 ms', 'MB/s', 'x plain copy']];
const results = measurements.map((measurement) => {
  const medianMs = median(measurement.timesMs);
  const baseline = measurements.find(
    (other) => other.name === 'plain copy' && other.chunk === (measurement.chunk ?? CHUNK_SIZES.at(-1)),
  );
  const result = {
    method: measurement.name,
    chunkCharacters: measurement.chunk,
    medianMs,
    p50Ms: percentile(measurement.timesMs, 50),
    p95Ms: percentile(measurement.timesMs, 95),
    megabytesPerSecond: megabytes / (medianMs / 1000),
    timeVsPlainCopy: baseline ? medianMs / median(baseline.timesMs) : null,
  };
  rows.push([
    result.method,
    result.chunkCharacters ?? 'all',
    result.medianMs,
    result.p95Ms,
    result.megabytesPerSecond,
    result.timeVsPlainCopy,
  ]);
  return result;
});
printTable(rows, {
  title: `Tag stripping, ${megabytes.toFixed(1)} MB stream, ${tagCount} tags, median of ${RUNS} runs`,
  digits: 1,
});

const small = results.find(
  (result) => result.method === 'createTagStripper' && result.chunkCharacters === CHUNK_SIZES[0],
)!;
const large = results.find(
  (result) => result.method === 'createTagStripper' && result.chunkCharacters === CHUNK_SIZES.at(-1),
)!;
writeResult('tags', {
  streamMegabytes: megabytes,
  streamCharacters: text.length,
  tags: tagCount,
  runs: RUNS,
  results,
  summary: {
    [`stripper MB/s (${CHUNK_SIZES[0]}-char chunks)`]: round(small.megabytesPerSecond),
    [`stripper MB/s (${CHUNK_SIZES.at(-1)}-char chunks)`]: round(large.megabytesPerSecond),
    [`stripper / plain copy time (${CHUNK_SIZES[0]}-char chunks)`]: round(small.timeVsPlainCopy!),
  },
});

function timeCopy(chunks: readonly string[]): number {
  const started = performance.now();
  const out: string[] = [];
  for (const chunk of chunks) out.push(chunk);
  const joined = out.join('');
  const elapsed = performance.now() - started;
  if (joined.length !== text.length) throw new Error('copy lost text');
  return elapsed;
}

function timeStrip(chunks: readonly string[]): number {
  const started = performance.now();
  const stripper = createTagStripper();
  const out: string[] = [];
  for (const chunk of chunks) out.push(stripper.push(chunk));
  const end = stripper.end();
  out.push(end.text);
  const joined = out.join('');
  const elapsed = performance.now() - started;
  if (joined !== visible || end.tags.length !== keptTags)
    throw new Error('stripper output disagrees with the generated stream');
  return elapsed;
}

/** A deterministic stream of companion-style answers with tags, and the visible text it should strip to. */
function buildStream(length: number): { text: string; visible: string; tagCount: number } {
  const sentences = [
    'I remember how hard that first cello lesson was, and look at you now. ',
    'If a < b then the smaller one goes first; <b>bold</b> is just markup. ',
    'だいすき！嬉しすぎる！また一緒に行こうね。 ',
    'わかってくれて…涙が止まらない…本当にありがとう。 ',
    'Mochi sounds like she is settling in well; shelters in Kyoto do great work. ',
    'Green tea it is, then. I will not offer coffee again. ',
  ];
  const textParts: string[] = [];
  const visibleParts: string[] = [];
  let size = 0;
  let tags = 0;
  let state = 7;
  while (size < length) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const sentence = sentences[state % sentences.length]!;
    textParts.push(sentence);
    visibleParts.push(sentence);
    size += sentence.length;
    if (state % 3 === 0) {
      const tag =
        state % 2 === 0
          ? `<memory_trace id="m:${(state % 1_000_000).toString(32).padStart(12, '0')}" resonance="0.${state % 10}"/>`
          : `<persona_emotion category="joy" intensity="0.${state % 10}"/>`;
      textParts.push(tag);
      size += tag.length;
      tags++;
    }
  }
  return { text: textParts.join(''), visible: visibleParts.join(''), tagCount: tags };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
