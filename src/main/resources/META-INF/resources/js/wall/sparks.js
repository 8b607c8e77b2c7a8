// Sparklines: each tile's recent hours, one point a minute, drawn with uPlot (loaded before the modules by a
// classic script; without it a tile simply has no sparkline). The history comes once from GET /api/v1/tiles/history,
// then each delta adds to it.
import { STATUS_COLOUR } from './text.js';
import { state } from './state.js';

export const SPARK_HOURS = 6;
const charts = new Map(); // tile id -> its uPlot chart
const sparks = new Map(); // tile id -> [[epoch s, value], …]

/** The history answer ({"tile id": [[epoch ms, value], …]}), before the first snapshot. */
export function loadHistory(history) {
  Object.entries(history).forEach(([id, points]) => sparks.set(id, points.map(p => [Math.floor(p[0] / 1000), p[1]])));
}

/** A tile's chart, in its .spark element, drawn in its status' colour and sized with its box. */
export function sparkChart(id, spark) {
  if (!window.uPlot) return;
  const chart = new window.uPlot({
    width: 100, height: 30, cursor: { show: false }, legend: { show: false }, select: { show: false },
    axes: [{ show: false }, { show: false }], scales: { x: { time: true } },
    series: [{}, { stroke: () => STATUS_COLOUR[(state.tiles.get(id) || {}).status] || STATUS_COLOUR.unknown,
      width: 2, fill: 'rgba(133, 149, 166, 0.10)', points: { show: false } }]
  }, [[], []], spark);
  charts.set(id, chart);
  new ResizeObserver(() => {
    if (spark.clientWidth > 0 && spark.clientHeight > 0) chart.setSize({ width: spark.clientWidth, height: spark.clientHeight });
  }).observe(spark);
}

export function remember(x) {
  if (x.value === null || x.value === undefined || !x.updatedAt) return;
  const points = sparks.get(x.id) || [];
  const minute = Math.floor(new Date(x.updatedAt).getTime() / 60000) * 60;
  if (points.length && points[points.length - 1][0] === minute) points[points.length - 1][1] = Number(x.value);
  else if (!points.length || minute > points[points.length - 1][0]) points.push([minute, Number(x.value)]);
  while (points.length && points[0][0] < Date.now() / 1000 - SPARK_HOURS * 3600) points.shift();
  sparks.set(x.id, points);
}

export function drawSpark(id) {
  const chart = charts.get(id);
  const points = sparks.get(id);
  if (chart && points) chart.setData([points.map(p => p[0]), points.map(p => p[1])]);
}
