import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectory } from '../../packages/core/test/temp-directory.js';
import { renderChart } from './render-chart.js';

describe('renderChart', () => {
  const tempDirectory = useTempDirectory();

  it('draws a Vega-Lite chart to a PNG offline', async () => {
    const path = join(tempDirectory(), 'nested', 'chart.png');
    await renderChart(
      {
        width: 200,
        height: 100,
        data: {
          values: [
            { x: 1, y: 2 },
            { x: 2, y: 3 },
          ],
        },
        mark: 'line',
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      path,
    );
    const png = readFileSync(path);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width from the IHDR chunk: the 200 px plot plus its axes, at scale 2.
    expect(png.readUInt32BE(16)).toBeGreaterThan(400);
  });
});
