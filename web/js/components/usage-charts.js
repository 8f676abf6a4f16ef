// Inline SVG charts for My Usage: spend per day (columns) and spend per feature (horizontal bars). A chart is drawn
// at the pixel width of its box, and again whenever that width changes, so its labels keep their size from phone
// to desktop. Each SVG is role="img" with a <title> and a <desc>; every bar has its own <title>, which is the hover
// tooltip. The page shows each chart with a table of the same numbers.

import { h, svg, uniqueId } from '../lib/dom.js';
import { formatDay, formatDayRange, formatNumber, formatUsd } from '../lib/format.js';
import { featureLabel, usdFromMicro } from './usage-api.js';

const CHAR_PX = 7; // the average width of a 12px label character (.chart text in usage.css), for margins

const plural = (count, one, many = `${one}s`) => `${formatNumber(count)} ${count === 1 ? one : many}`;

/** A box that holds `draw(width)`'s SVG at the box's width; it stops watching once it leaves the page. */
function responsiveChart(draw, className) {
  const element = h('div', { class: `chart ${className}` });
  let width = 0;
  let frame = 0;
  // Drawn in the next frame rather than in the observer's callback, so drawing never re-enters layout.
  const observer = new ResizeObserver(() => {
    window.cancelAnimationFrame(frame);
    frame = window.requestAnimationFrame(() => {
      if (!element.isConnected) {
        observer.disconnect();
        return;
      }
      const next = Math.floor(element.clientWidth);
      if (next <= 0 || next === width) return;
      width = next;
      element.replaceChildren(draw(width));
    });
  });
  observer.observe(element);
  return element;
}

function chartSvg({ width, height, title, description, testid }, ...children) {
  const titleId = uniqueId('chart-title');
  const descriptionId = uniqueId('chart-desc');
  return svg(
    'svg',
    { class: 'chart-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descriptionId, dataset: { testid } },
    svg('title', { id: titleId, text: title }),
    svg('desc', { id: descriptionId, text: description }),
    children,
  );
}

/** A round top for an axis from 0 past `max` whole micro-dollars, in about `count` whole steps: {top, step}. */
function niceScale(max, count = 4) {
  if (max <= 0) return { top: 0, step: 0 };
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = rough <= 1 ? 1 : [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough && Number.isInteger(candidate));
  return { top: Math.ceil(max / step) * step, step };
}

/** Spend per day: one column per day of `days` (the API's zero-filled by_day), with the spend axis on the left. */
export function dayChart(days) {
  const costs = days.map((entry) => entry.cost_micro_usd);
  const max = Math.max(0, ...costs);
  const { top, step } = niceScale(max);
  const ticks = step ? Array.from({ length: top / step + 1 }, (_, index) => index * step) : [0];
  const tickLabels = ticks.map((tick) => formatUsd(usdFromMicro(tick)));
  const busiest = days[costs.indexOf(max)];
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const description =
    `Spend per day from ${formatDayRange(days[0].date, days.at(-1).date)}: ${formatUsd(usdFromMicro(total))} in total` +
    (max > 0 ? `; the most was ${formatUsd(busiest.cost_usd)} on ${formatDay(busiest.date)}.` : '; nothing was spent.');
  const dayLabels = days.map((entry) => formatDay(entry.date));
  const labelWidth = Math.max(...dayLabels.map((label) => label.length)) * CHAR_PX + 10;

  return responsiveChart((width) => {
    const height = 220;
    const left = Math.max(...tickLabels.map((label) => label.length)) * CHAR_PX + 14;
    const right = 8;
    const plotTop = 10;
    const plotHeight = height - plotTop - 30;
    const baseline = plotTop + plotHeight;
    const pitch = Math.max(1, width - left - right) / days.length;
    const barWidth = Math.max(1, Math.min(pitch * 0.7, 40));
    const labelEvery = Math.max(1, Math.ceil(labelWidth / pitch));
    const y = (value) => baseline - (top ? (value / top) * plotHeight : 0);

    const grid = ticks.map((tick, index) =>
      svg(
        'g',
        { class: 'chart-tick' },
        svg('line', { class: tick === 0 ? 'chart-axis' : 'chart-grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }),
        svg('text', { x: left - 8, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle', text: tickLabels[index] }),
      ),
    );
    const bars = days.map((entry, index) => {
      const x = left + index * pitch;
      const barHeight = entry.cost_micro_usd > 0 ? Math.max(2, baseline - y(entry.cost_micro_usd)) : 0;
      return svg(
        'g',
        { class: 'chart-day', dataset: { testid: 'day-bar', date: entry.date } },
        svg('title', { text: `${formatDay(entry.date, { year: true })}: ${formatUsd(entry.cost_usd)}, ${plural(entry.calls, 'call')}` }),
        svg('rect', { class: 'chart-hit', x, y: plotTop, width: pitch, height: plotHeight }),
        svg('rect', { class: 'chart-bar', x: x + (pitch - barWidth) / 2, y: baseline - barHeight, width: barWidth, height: barHeight, rx: Math.min(3, barWidth / 2) }),
      );
    });
    // Every `labelEvery`th day is labelled, counting back from the last so the range's end always is.
    const labels = days.map((entry, index) =>
      (days.length - 1 - index) % labelEvery === 0
        ? svg('text', { class: 'chart-x-label', x: left + (index + 0.5) * pitch, y: height - 8, 'text-anchor': 'middle', text: dayLabels[index] })
        : null,
    );
    return chartSvg({ width, height, title: 'Spend per day', description, testid: 'day-chart' }, grid, bars, labels);
  }, 'chart--days');
}

/** Spend per feature: one labelled horizontal bar per entry of by_feature, with its spend and share. */
export function featureChart(features) {
  const total = features.reduce((sum, entry) => sum + entry.cost_micro_usd, 0);
  const max = Math.max(0, ...features.map((entry) => entry.cost_micro_usd));
  const share = (entry) => (total ? Math.round((entry.cost_micro_usd / total) * 100) : 0);
  const valueText = (entry) => `${formatUsd(entry.cost_usd)}${total ? ` · ${share(entry)}%` : ''}`;
  const description = `Spend by feature: ${features.map((entry) => `${featureLabel(entry.feature)} ${valueText(entry)}`).join('; ')}.`;

  return responsiveChart((width) => {
    const row = 46;
    const height = features.length * row;
    const bars = features.map((entry, index) => {
      const top = index * row;
      const barWidth = entry.cost_micro_usd > 0 ? Math.max(3, (entry.cost_micro_usd / max) * width) : 0;
      return svg(
        'g',
        { class: 'chart-feature', dataset: { testid: 'feature-bar', feature: entry.feature } },
        svg('title', { text: `${featureLabel(entry.feature)}: ${valueText(entry)}, ${plural(entry.calls, 'call')}` }),
        svg('text', { class: 'chart-label', x: 0, y: top + 16, text: featureLabel(entry.feature) }),
        svg('text', { class: 'chart-value', x: width, y: top + 16, 'text-anchor': 'end', text: valueText(entry) }),
        svg('rect', { class: 'chart-track', x: 0, y: top + 24, width, height: 10, rx: 5 }),
        svg('rect', { class: 'chart-bar', x: 0, y: top + 24, width: barWidth, height: 10, rx: 5 }),
      );
    });
    return chartSvg({ width, height, title: 'Spend by feature', description, testid: 'feature-chart' }, bars);
  }, 'chart--features');
}
