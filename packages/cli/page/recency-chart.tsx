import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#65a30d',
  '#7c3aed',
  '#0d9488',
];

/** Recency curves over simulated days (uPlot), with the current day and the simulated retrievals marked. */
export function RecencyChart(props: {
  days: number[];
  series: { label: string; recency: number[] }[];
  day: number;
  retrievalDays: number[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const marks = useRef({ day: props.day, retrievalDays: props.retrievalDays });
  marks.current = { day: props.day, retrievalDays: props.retrievalDays };

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    const drawMarks = (plot: uPlot) => {
      const { ctx, bbox } = plot;
      const line = (day: number, color: string, dash: number[]) => {
        const x = plot.valToPos(day, 'x', true);
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash(dash);
        ctx.beginPath();
        ctx.moveTo(x, bbox.top);
        ctx.lineTo(x, bbox.top + bbox.height);
        ctx.stroke();
        ctx.restore();
      };
      for (const day of marks.current.retrievalDays) line(day, '#9ca3af', [6, 4]);
      line(marks.current.day, '#111827', []);
    };
    const plot = new uPlot(
      {
        width: Math.max(320, target.clientWidth),
        height: 320,
        scales: { x: { time: false }, y: { range: [0, 1] } },
        axes: [{ label: 'simulated day (one second of replay is one day)' }, { label: 'recency' }],
        series: [
          { label: 'day' },
          ...props.series.map((series, index) => ({
            label: series.label,
            stroke: PALETTE[index % PALETTE.length],
            width: 2,
          })),
        ],
        hooks: { draw: [drawMarks] },
        legend: { show: true },
      },
      [props.days, ...props.series.map((series) => series.recency)],
      target,
    );
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
  }, [props.days, props.series]);

  useEffect(() => chart.current?.redraw(false, false), [props.day, props.retrievalDays]);

  return <div ref={container} class="chart" data-testid="recency-chart" />;
}
