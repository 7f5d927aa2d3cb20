// Two research ideas from the design documents, measured: resonance importance (a zeta-zero basis
// filter over per-namespace fast weights) and implicit slot memory, each as an extra fine-stage
// signal of recall. LoCoMo dev evidence recall@10 with and without, the signals' weights tuned on
// two conversations with the third held out; the partial-cue experiment; the transform's cost at the
// sizes the source quotes; plots under bench/seed-experiments/plots/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHashedEmbedder, createMemory, type Memory } from '@resonant/core';
import { createResonanceSignal, createSlotSignal, type FineRankSignal } from '@resonant/core/research';
import { loadLocomo, type LocomoConversation } from '../lib/load-locomo.js';
import { mean, percentile } from '../lib/percentile.js';
import { printTable, type Cell } from '../lib/print-table.js';
import { evidenceRecall, rememberConversation, turnText } from '../lib/remember-conversation.js';
import { renderChart } from '../lib/render-chart.js';
import { writeResult } from '../lib/write-result.js';
import { buildPartialCueCorpus } from './partial-cue.js';
import { buildResearchState, SLOT_SETTINGS, slotSettingName, type ResearchState } from './research-state.js';
import { basisCondition, measureTransformCost } from './transform-cost.js';

const K = 10;
const DAY_MS = 86_400_000;
/** The signals' weights tried while tuning (beside relevance 1, recency 0.2, ...). */
const WEIGHTS = [0.05, 0.1, 0.2, 0.4];
/** The dev conversation kept out of tuning. */
const HELD_OUT = 'conv-41';
const PLOTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'plots');

/** The signals tried: resonance as specified, slot memory at each setting, and resonance at 16 dims (a diagnostic, never in the summary). */
const SIGNALS = ['resonance', ...SLOT_SETTINGS.map(slotSettingName), 'resonance16'];
const embedder = createHashedEmbedder();
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function signalFor(name: string, state: ResearchState, weight: number): FineRankSignal {
  const slots = state.slotVariants.get(name);
  if (slots) return createSlotSignal({ slots, embedder, weight });
  return createResonanceSignal({
    estimator: name === 'resonance' ? state.estimator : state.estimator16,
    embedder,
    weight,
  });
}

// --- 1. Cost of the transform.
const transformCosts = measureTransformCost(15);
printTable(
  [
    ['batch', 'heads', 'dims', "full W' ms", 'diagonal only ms'],
    ...transformCosts.map((cost): Cell[] => [cost.batch, cost.heads, cost.dims, cost.fullMs, cost.diagonalMs]),
  ],
  { title: 'Zeta-zero basis transform, median ms per transform (batch x heads matrices)', digits: 2 },
);
const conditions = Object.fromEntries([2, 3, 8, 16, 32, 64].map((size) => [size, basisCondition(size)]));
console.log(
  'basis condition ||U|| ||U^-1|| / N:',
  Object.entries(conditions)
    .map(([size, value]) => `${size}: ${value.toExponential(2)}`)
    .join(', '),
);

// --- 2. LoCoMo dev recall@10, with and without each signal.
interface QuestionScore {
  sampleId: string;
  variant: string;
  recall: number;
}
const locomoScores: QuestionScore[] = [];
const patternSeries: { series: string; session: number; similarity: number }[] = [];
const slotUsage: { series: string; slot: number; share: number }[] = [];
const energies: { series: string; mode: number; energy: number }[] = [];
const spectra: Record<string, Record<string, unknown>> = {};
const conversations = loadLocomo() ?? [];
const workDir = mkdtempSync(join(tmpdir(), 'resonant-seed-'));

function recordState(series: string, namespace: string, state: ResearchState): void {
  state.patternSimilarities.forEach((similarity, session) =>
    patternSeries.push({ series, session: session + 1, similarity }),
  );
  const usage = state.slots.usage(namespace);
  usage.forEach((share, slot) => slotUsage.push({ series, slot: slot + 1, share }));
  const spectrum = state.estimator.spectrum(namespace)!;
  spectrum.diagonalEnergy.forEach((energy, mode) => energies.push({ series, mode: mode + 1, energy }));
  spectra[series] = {
    resonantCount: spectrum.resonantCount,
    sparsity: round(spectrum.sparsity),
    totalEnergy: spectrum.totalEnergy,
    maxEnergy: Math.max(...spectrum.diagonalEnergy),
    slotsFinite: state.slots.health(namespace).finite && spectrum.diagonalEnergy.every(Number.isFinite),
    slotUsageEvenness: round(evenness(usage)),
    patternSimilarityMeanBySetting: Object.fromEntries(
      [...state.patternSimilaritiesBySetting].map(([name, values]) => [name, round(mean(values))]),
    ),
    slotUsageEvennessBySetting: Object.fromEntries(
      [...state.slotVariants].map(([name, slots]) => [name, round(evenness(slots.usage(namespace)))]),
    ),
    importanceSpread: state.importanceSpread,
    resonantCount16: state.estimator16.spectrum(namespace)!.resonantCount,
  };
}

/** Normalised entropy of a usage distribution: 1 when every slot is used alike. */
function evenness(usage: readonly number[]): number {
  return -usage.reduce((sum, share) => sum + (share > 0 ? share * Math.log(share) : 0), 0) / Math.log(usage.length);
}

async function askAll(
  memory: Memory,
  namespace: string,
  conversation: LocomoConversation,
  variant: string,
  extraSignal?: FineRankSignal,
): Promise<void> {
  for (const question of conversation.questions) {
    if (question.category > 4 || question.evidence.length === 0) continue;
    const hits = await memory.recall({ namespace, query: question.question, limit: K, reinforce: false, extraSignal });
    locomoScores.push({
      sampleId: conversation.sampleId,
      variant,
      recall: evidenceRecall(
        hits.map((hit) => String(hit.memory.metadata.diaId)),
        question.evidence,
      ),
    });
  }
}

try {
  for (const conversation of conversations) {
    const now = new Date(Math.max(...conversation.turns.map((turn) => turn.sessionDate.getTime())) + DAY_MS);
    let nextId = 0;
    const memory = await createMemory({
      path: join(workDir, `${conversation.sampleId}.db`),
      embedder,
      clock: () => now,
      generateId: () => `m${String(nextId++).padStart(6, '0')}`,
    });
    try {
      const namespace = await rememberConversation(memory, conversation);
      const sessions = [...new Set(conversation.turns.map((turn) => turn.session))].map((session) =>
        conversation.turns.filter((turn) => turn.session === session).map(turnText),
      );
      const state = await buildResearchState(embedder, namespace, sessions);
      recordState(conversation.sampleId, namespace, state);
      await askAll(memory, namespace, conversation, 'base');
      for (const name of SIGNALS)
        for (const weight of WEIGHTS)
          await askAll(memory, namespace, conversation, `${name}@${weight}`, signalFor(name, state, weight));
    } finally {
      await memory.close();
    }
  }

  const recallOf = (variant: string, keep: (sampleId: string) => boolean) =>
    mean(
      locomoScores.filter((score) => score.variant === variant && keep(score.sampleId)).map((score) => score.recall),
    );
  const tuning = (sampleId: string) => sampleId !== HELD_OUT;
  const heldOut = (sampleId: string) => sampleId === HELD_OUT;
  const all = () => true;
  // Tuned on the two tuning conversations only; ties go to the earlier candidate (smaller weight, default setting).
  const best = (variants: string[]) =>
    variants.reduce((chosen, variant) =>
      recallOf(variant, tuning) > recallOf(chosen, tuning) + 1e-12 ? variant : chosen,
    );
  const withWeights = (name: string) => WEIGHTS.map((weight) => `${name}@${weight}`);
  const tuned = {
    resonance: best(withWeights('resonance')),
    slots: best(SLOT_SETTINGS.map(slotSettingName).flatMap(withWeights)),
    resonance16: best(withWeights('resonance16')),
  };
  const weightOf = (variant: string) => Number(variant.split('@')[1]);
  const slotNameOf = (variant: string) => variant.split('@')[0]!;
  const locomoRows: Cell[][] = [['variant', 'tuning (2 conv.)', `held out (${HELD_OUT})`, 'all 3']];
  const locomo: Record<string, { tuning: number; heldOut: number; all: number }> = {};
  for (const variant of ['base', ...SIGNALS.flatMap(withWeights)]) {
    locomo[variant] = {
      tuning: round(recallOf(variant, tuning)),
      heldOut: round(recallOf(variant, heldOut)),
      all: round(recallOf(variant, all)),
    };
    locomoRows.push([variant, locomo[variant].tuning, locomo[variant].heldOut, locomo[variant].all]);
  }
  if (conversations.length > 0)
    printTable(locomoRows, {
      title: `LoCoMo dev evidence recall@${K}; tuned: ${tuned.resonance}, ${tuned.slots}, ${tuned.resonance16}`,
    });

  // --- 3. The partial-cue experiment, with the weights tuned on LoCoMo (nothing tuned on it).
  const corpus = buildPartialCueCorpus({ sessions: 40, turnsPerSession: 10, seed: 2026 });
  const cueNamespace = 'experiment:partial-cue';
  const cuePath = join(workDir, 'partial-cue.db');
  const firstDay = Date.UTC(2026, 0, 1);
  {
    const memory = await createMemory({ path: cuePath, embedder });
    await memory.rememberMany(
      corpus.sessions.flatMap((texts, session) =>
        texts.map((text, turn) => ({
          namespace: cueNamespace,
          text,
          createdAt: new Date(firstDay + session * DAY_MS + turn * 60_000),
          metadata: { session, turn },
        })),
      ),
    );
    await memory.close();
  }
  const cueState = await buildResearchState(embedder, cueNamespace, corpus.sessions);
  recordState('partial-cue', cueNamespace, cueState);
  // A fresh context: the facts are asked of a newly opened memory, by their first two words only.
  const cueNow = new Date(firstDay + corpus.sessions.length * DAY_MS);
  const fresh = await createMemory({ path: cuePath, embedder, clock: () => cueNow });
  const partialCue: Record<string, { recall1: number; recall5: number }> = {};
  try {
    const variants: [string, FineRankSignal | undefined][] = [
      ['base', undefined],
      ['slots', signalFor(slotNameOf(tuned.slots), cueState, weightOf(tuned.slots))],
      ['resonance', signalFor('resonance', cueState, weightOf(tuned.resonance))],
      ['resonance16', signalFor('resonance16', cueState, weightOf(tuned.resonance16))],
    ];
    for (const [variant, extraSignal] of variants) {
      let at1 = 0;
      let at5 = 0;
      for (const fact of corpus.facts) {
        const hits = await fresh.recall({
          namespace: cueNamespace,
          query: fact.cue,
          limit: 5,
          reinforce: false,
          extraSignal,
        });
        const rank = hits.findIndex(
          (hit) => hit.memory.metadata.session === fact.session && hit.memory.metadata.turn === fact.turn,
        );
        if (rank === 0) at1++;
        if (rank >= 0) at5++;
      }
      partialCue[variant] = { recall1: round(at1 / corpus.facts.length), recall5: round(at5 / corpus.facts.length) };
    }
  } finally {
    await fresh.close();
  }
  printTable(
    [
      ['variant', 'recall@1', 'recall@5'],
      ...Object.entries(partialCue).map(([variant, score]): Cell[] => [variant, score.recall1, score.recall5]),
    ],
    {
      title: `Partial cue: ${corpus.facts.length} facts shown once in ${corpus.sessions.length * 10} turns, cued by their first two words`,
    },
  );

  // --- 4. Plots.
  const locomoSimilarities = patternSeries
    .filter((point) => point.series !== 'partial-cue')
    .map((point) => point.similarity);
  const similarityMean = mean(locomoSimilarities);
  const similaritySd = Math.sqrt(mean(locomoSimilarities.map((value) => (value - similarityMean) ** 2)));
  const width = 560;
  await renderChart(
    {
      width,
      height: 260,
      title: 'Slot memory: pattern similarity of each session write (before the write)',
      data: { values: patternSeries },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'session', type: 'quantitative', title: 'session' },
        y: {
          field: 'similarity',
          type: 'quantitative',
          title: 'cosine(session mean, slot read-out)',
          scale: { domain: [-0.2, 1] },
        },
        color: { field: 'series', type: 'nominal', title: 'namespace' },
      },
    },
    join(PLOTS_DIR, 'pattern-similarity.png'),
  );
  await renderChart(
    {
      width,
      height: 240,
      title: 'Slot memory: share of attention each of the 8 slots received',
      data: { values: slotUsage },
      mark: 'bar',
      encoding: {
        x: { field: 'slot', type: 'ordinal', title: 'slot' },
        xOffset: { field: 'series' },
        y: { field: 'share', type: 'quantitative', title: 'usage share (even = 0.125)' },
        color: { field: 'series', type: 'nominal', title: 'namespace' },
      },
    },
    join(PLOTS_DIR, 'slot-usage.png'),
  );
  await renderChart(
    {
      width,
      height: 260,
      title: "Resonance: diagonal energy |W'jj|² of the unit-trace fast weights (64 modes)",
      layer: [
        {
          data: { values: energies.filter((point) => point.energy > 0) },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'mode', type: 'quantitative', title: 'mode j (zeta-zero ordinate order)' },
            y: { field: 'energy', type: 'quantitative', scale: { type: 'log' }, title: 'diagonal energy (log)' },
            color: { field: 'series', type: 'nominal', title: 'namespace' },
          },
        },
        {
          data: { values: [{ threshold: 0.1 }] },
          mark: { type: 'rule', strokeDash: [4, 4], color: 'black' },
          encoding: { y: { field: 'threshold', type: 'quantitative' } },
        },
      ],
    },
    join(PLOTS_DIR, 'diagonal-energy.png'),
  );

  // --- 5. The result.
  const fullMs = transformCosts.map((cost) => cost.fullMs);
  const path = writeResult('seed-experiments', {
    k: K,
    heldOut: HELD_OUT,
    weightsTried: WEIGHTS,
    tuned,
    locomo,
    partialCue,
    transformCost: transformCosts,
    basisCondition: conditions,
    spectra,
    patternSimilarity: { mean: similarityMean, sd: similaritySd, writes: locomoSimilarities.length },
    summary: {
      locomoRecall10_base: locomo.base?.all ?? null,
      locomoRecall10_resonance: locomo[tuned.resonance]?.all ?? null,
      locomoRecall10_slots: locomo[tuned.slots]?.all ?? null,
      locomoRecall10_heldOut_base: locomo.base?.heldOut ?? null,
      locomoRecall10_heldOut_resonance: locomo[tuned.resonance]?.heldOut ?? null,
      locomoRecall10_heldOut_slots: locomo[tuned.slots]?.heldOut ?? null,
      partialCueRecall1_base: partialCue.base!.recall1,
      partialCueRecall1_slots: partialCue.slots!.recall1,
      partialCueRecall1_resonance: partialCue.resonance!.recall1,
      partialCueRecall5_base: partialCue.base!.recall5,
      transformMs_p50: round(percentile(fullMs, 50), 2),
      transformMs_min: round(Math.min(...fullMs), 2),
      transformMs_max: round(Math.max(...fullMs), 2),
      patternSimilarity_mean: round(similarityMean),
      patternSimilarity_sd: round(similaritySd),
    },
  });
  console.log(`wrote ${path} and ${PLOTS_DIR}/*.png`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
