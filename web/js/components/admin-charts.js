// Line charts of Admin › Analytics: one or more daily series (signups; personas and sessions; revenue, LLM spend
// and margin, which may go below zero) over UTC days, drawn at the box's width with My Usage's chart frame. Each
// SVG is role="img" with a <title> and a <desc> summing every series; each point has a <title> tooltip; a legend
// names the series, and seriesTable() gives the same numbers as a table (the text alternative shown beside it).

import { h, svg } from '../lib/dom.js';
import { formatDay, formatDayRange } from '../lib/format.js';
import { chartSvg, niceScale, responsiveChart } from './usage-charts.js';

const CHAR_PX = 7; // the average width of a 12px chart label, as in usage-charts.js

/** An axis from `bottom` (≤ 0) to `top` (≥ 0) in whole steps that covers every value. */
function scale(values) {
  const high = Math.max(0, ...values);
  const low = Math.max(0, -Math.min(0, ...values));
  const { step } = niceScale(Math.max(high, low));
  if (!step) return { top: 0, bottom: 0, ticks: [0] };
  const top = Math.ceil(high / step) * step;
  const bottom = -Math.ceil(low / step) * step;
  return { top, bottom, ticks: Array.from({ length: Math.round((top - bottom) / step) + 1 }, (_, index) => bottom + index * step) };
}

/**
 * days: ["YYYY-MM-DD"]; series: [{key, label, values: [number per day]}] (at most three, styled
 * .chart-series-1…3); format(value) → text; title; testid.
 */
export function lineChart({ days, series, format, title, testid }) {
  const all = series.flatMap((entry) => entry.values);
  const { top, bottom, ticks } = scale(all);
  const tickLabels = ticks.map(format);
  const dayLabels = days.map((day) => formatDay(day));
  const description = `${title}, ${formatDayRange(days[0], days.at(-1))}: ${series.map((entry) => `${entry.label} ${format(entry.values.reduce((sum, value) => sum + value, 0))} in total`).join('; ')}.`;

  const chart = responsiveChart((width) => {
    const height = 220;
    const left = Math.max(...tickLabels.map((label) => label.length)) * CHAR_PX + 14;
    const right = 12;
    const plotTop = 10;
    const plotHeight = height - plotTop - 30;
    const pitch = Math.max(1, width - left - right) / days.length;
    const labelEvery = Math.max(1, Math.ceil((Math.max(...dayLabels.map((label) => label.length)) * CHAR_PX + 10) / pitch));
    const x = (index) => left + (index + 0.5) * pitch;
    const y = (value) => plotTop + plotHeight - (top === bottom ? 0 : ((value - bottom) / (top - bottom)) * plotHeight);

    const grid = ticks.map((tick, index) =>
      svg('g', { class: 'chart-tick' }, svg('line', { class: tick === 0 ? 'chart-axis' : 'chart-grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }), svg('text', { x: left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle', text: tickLabels[index] })),
    );
    const lines = series.map((entry, number) =>
      svg(
        'g',
        { class: `chart-series chart-series-${number + 1}`, dataset: { testid: 'chart-series', series: entry.key } },
        svg('polyline', { class: 'chart-line', points: entry.values.map((value, index) => `${x(index)},${y(value)}`).join(' ') }),
        entry.values.map((value, index) => svg('circle', { class: 'chart-point', cx: x(index), cy: y(value), r: days.length > 60 ? 1.5 : 3 }, svg('title', { text: `${formatDay(days[index], { year: true })}: ${entry.label} ${format(value)}` }))),
      ),
    );
    const labels = days.map((day, index) => ((days.length - 1 - index) % labelEvery === 0 ? svg('text', { class: 'chart-x-label', x: x(index), y: height - 8, 'text-anchor': 'middle', text: dayLabels[index] }) : null));
    return chartSvg({ width, height, title, description, testid }, grid, lines, labels);
  }, 'chart--days');

  const legend = h('ul', { class: 'chart-legend', 'aria-hidden': 'true' }, series.map((entry, number) => h('li', { class: `chart-legend-item chart-series-${number + 1}` }, h('span', { class: 'chart-swatch' }), entry.label)));
  return h('div', { class: 'admin-chart' }, legend, chart);
}

/** The chart's numbers as a table: one row per day, one column per series. */
export function seriesTable({ days, series, format, caption, testid }) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table usage-table', dataset: { testid } },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Day' }), series.map((entry) => h('th', { scope: 'col', class: 'num', text: entry.label })))),
      h('tbody', {}, days.map((day, index) => h('tr', {}, h('th', { scope: 'row', text: formatDay(day, { year: true }) }), series.map((entry) => h('td', { class: 'num', text: format(entry.values[index]) }))))),
    ),
  );
}
