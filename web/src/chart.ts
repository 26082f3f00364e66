// The time series chart (uPlot): events per period stacked by QuadClass,
// and the mean Goldstein value on a second axis. Dragging across the plot
// picks a period. Loaded on demand.
import uPlot from "uplot";
import { Bucket } from "./api";
import { quadColours } from "./ui";

export interface Labels {
  quads: string[]; // names of QuadClass 1..4
  mean: string;
  events: string;
}

const day = 86400;

function toDay(s: string): number {
  return Date.parse(s + "T00:00:00Z") / 1000;
}

export function isoDay(sec: number): string {
  return new Date(sec * 1000).toISOString().slice(0, 10);
}

// series turns buckets (one per period and QuadClass) into uPlot columns:
// x, the counts of each QuadClass, and the mean Goldstein per period.
export function columns(buckets: Bucket[]) {
  const periods = [...new Set(buckets.map((b) => b.period))].sort();
  const at = new Map(periods.map((p, i) => [p, i]));
  const counts = [1, 2, 3, 4].map(() => periods.map(() => 0));
  const sum = periods.map(() => 0);
  const n = periods.map(() => 0);
  for (const b of buckets) {
    const i = at.get(b.period)!;
    const q = Number(b.key);
    if (q >= 1 && q <= 4) counts[q - 1][i] += b.count;
    sum[i] += b.goldstein_sum;
    n[i] += b.count;
  }
  const mean = periods.map((_, i) => (n[i] ? sum[i] / n[i] : null));
  return { x: periods.map(toDay), counts, mean };
}

// timeline draws the chart in el; onSelect gets the period picked, as
// YYYY-MM-DD days. It returns a function that removes the chart.
export function timeline(
  el: HTMLElement,
  buckets: Bucket[],
  interval: string,
  labels: Labels,
  selected: { from?: string; to?: string },
  onSelect: (from: string, to: string) => void,
): () => void {
  const { x, counts, mean } = columns(buckets);
  // cumulative stacks, drawn from the top one down so that each covers
  // the part of the one before that is not its own
  const stacks: number[][] = [];
  let acc = x.map(() => 0);
  for (const c of counts) {
    acc = acc.map((v, i) => v + c[i]);
    stacks.push(acc);
  }
  const width = interval === "month" ? 28 * day : interval === "week" ? 7 * day : day;
  const bars = uPlot.paths.bars!({ size: [0.8, 60], align: 1 });
  const quadSeries: uPlot.Series[] = [];
  const data: (number | null)[][] = [x];
  for (let q = 3; q >= 0; q--) {
    const raw = counts[q];
    quadSeries.push({
      label: labels.quads[q],
      scale: "n",
      paths: bars,
      points: { show: false },
      stroke: quadColours[q + 1],
      fill: quadColours[q + 1],
      width: 0,
      value: (_u, _v, _si, i) => (i == null ? "—" : String(raw[i])),
    });
    data.push(stacks[q]);
  }
  data.push(mean);
  const sel0 = selected.from ? toDay(selected.from) : null;
  const sel1 = selected.to ? toDay(selected.to) + day : null;
  const opts: uPlot.Options = {
    width: Math.max(320, el.clientWidth),
    height: 300,
    cursor: { drag: { x: true, y: false, setScale: false } },
    scales: {
      // the data's own span, padded by a period on each side
      x: { time: true, range: () => (x.length ? [x[0] - width, x[x.length - 1] + 2 * width] : [0, day]) },
      n: { range: (_u, _lo, hi) => [0, Math.max(1, hi * 1.1)] },
      g: { range: [-10, 10] },
    },
    axes: [
      {},
      { scale: "n", label: labels.events },
      { scale: "g", side: 1, label: labels.mean, grid: { show: false } },
    ],
    series: [
      { value: (_u, v) => (v == null ? "—" : isoDay(v)) },
      ...quadSeries,
      {
        label: labels.mean,
        scale: "g",
        stroke: "#222",
        width: 2,
        dash: [4, 3],
        spanGaps: true,
        value: (_u, v) => (v == null ? "—" : v.toFixed(2)),
      },
    ],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 2) return;
          const a = u.posToVal(u.select.left, "x");
          const b = u.posToVal(u.select.left + u.select.width, "x");
          onSelect(isoDay(a), isoDay(b));
        },
      ],
      draw: [
        (u) => {
          if (sel0 == null && sel1 == null) return;
          const left = u.valToPos(sel0 ?? u.scales.x.min!, "x", true);
          const right = u.valToPos(sel1 ?? u.scales.x.max!, "x", true);
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = "rgba(255, 200, 0, 0.18)";
          ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
          ctx.restore();
        },
      ],
    },
  };
  const plot = new uPlot(opts, data as uPlot.AlignedData, el);
  const resize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height: 300 });
  window.addEventListener("resize", resize);
  return () => {
    window.removeEventListener("resize", resize);
    plot.destroy();
  };
}
