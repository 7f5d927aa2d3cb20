import type { ConsolidationProgress } from './consolidate-namespace.js';

/** Where and how wide the bar is drawn. */
export interface ProgressBarOptions {
  /** A terminal redraws one line in place; anything else gets one line per finished step. @default process.stderr */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Characters of the bar itself. @default 28 */
  width?: number;
}

const LEVEL_NAMES = ['sessions', 'days', 'weeks', 'milestones'];

/**
 * An `onProgress` handler for `consolidate` that draws a progress bar on a terminal
 * (`[#######.......] summarize days 12/40`), or writes a plain line when each step finishes
 * elsewhere (logs, pipes).
 */
export function createProgressBar(options: ProgressBarOptions = {}): (progress: ConsolidationProgress) => void {
  const stream = options.stream ?? process.stderr;
  const width = options.width ?? 28;
  const interactive = stream.isTTY === true;
  let lastStep = '';
  return (progress) => {
    const step =
      progress.level === null
        ? progress.phase
        : `${progress.phase} ${LEVEL_NAMES[progress.level] ?? `level ${progress.level}`}`;
    const finished = progress.done >= progress.total;
    if (!interactive) {
      if (finished) stream.write(`${step}: ${progress.done}/${progress.total}\n`);
      return;
    }
    const share = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
    const filled = Math.round(share * width);
    if (step !== lastStep && lastStep !== '') stream.write('\n');
    lastStep = step;
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step} ${progress.done}/${progress.total}\u001b[K`,
    );
  };
}
