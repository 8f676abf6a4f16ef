// Inline SVG charts for My Usage: per day (columns) and per feature (horizontal bars), of spend, tokens or calls,
// chosen with a measure switch. A chart is drawn at the pixel width of its box, and again whenever that width
// changes, so its labels keep their size from phone to desktop. Each SVG is role="img" with a <title> and a <desc>;
// every bar has its own <title>, which is the hover tooltip. The page shows each chart with a table of the same
// numbers.

import { h, svg, uniqueId } from '../lib/dom.js';
import { formatDay, formatDayRange, formatNumber, formatUsd, plural } from '../lib/format.js';
import { featureLabel, usdFromMicro } from './usage-api.js';

const CHAR_PX = 7; // the average width of a 12px label character (.chart text in usage.css), for margins


/** What a chart plots: `of(figures)` is a whole number (micro-dollars for spend), `scale` labels an axis value. */
export const MEASURES = [
  { key: 'spend', label: 'Spend', of: (figures) => figures.cost_micro_usd, scale: (value) => formatUsd(usdFromMicro(value)), text: (figures) => formatUsd(figures.cost_usd) },
  { key: 'tokens', label: 'Tokens', of: (figures) => figures.total_tokens, scale: formatNumber, text: (figures) => plural(figures.total_tokens, 'token') },
  { key: 'calls', label: 'Calls', of: (figures) => figures.calls, scale: formatNumber, text: (figures) => plural(figures.calls, 'call') },
];

/** The first measure with something to show: spend, else tokens, else calls (a replayed call has neither). */
export function defaultMeasure(totals) {
  return MEASURES.find((measure) => measure.of(totals) > 0) ?? MEASURES[0];
}

/** Spend | Tokens | Calls as toggle buttons; `onChange(measure)` on a new choice. */
export function measureSwitch({ initial, label, onChange }) {
  const buttons = MEASURES.map((measure) => {
    const button = h('button', { type: 'button', class: 'view-button view-button--text', 'aria-pressed': String(measure === initial), dataset: { testid: 'measure-option', measure: measure.key }, text: measure.label });
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-pressed') === 'true') return;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      onChange(measure);
    });
    return button;
  });
  return h('div', { class: 'view-toggle measure-switch', role: 'group', 'aria-label': label }, buttons);
}

/** A bar's tooltip: every figure, whatever the chart plots. */
const figuresText = (figures) => `${formatUsd(figures.cost_usd)}, ${plural(figures.total_tokens, 'token')}, ${plural(figures.calls, 'call')}`;

/** A box that holds `draw(width)`'s SVG at the box's width; it stops watching once it leaves the page. */
export function responsiveChart(draw, className) {
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

export function chartSvg({ width, height, title, description, testid }, ...children) {
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
export function niceScale(max, count = 4) {
  if (max <= 0) return { top: 0, step: 0 };
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = rough <= 1 ? 1 : [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough && Number.isInteger(candidate));
  return { top: Math.ceil(max / step) * step, step };
}

/** One column per day of `days` (the API's zero-filled by_day) of `measure`, with its axis on the left. */
export function dayChart(days, measure) {
  const values = days.map((entry) => measure.of(entry));
  const max = Math.max(0, ...values);
  const { top, step } = niceScale(max);
  const ticks = step ? Array.from({ length: top / step + 1 }, (_, index) => index * step) : [0];
  const tickLabels = ticks.map((tick) => measure.scale(tick));
  const busiest = days[values.indexOf(max)];
  const total = values.reduce((sum, value) => sum + value, 0);
  const title = `${measure.label} per day`;
  const description =
    `${title} from ${formatDayRange(days[0].date, days.at(-1).date)}: ${measure.scale(total)} in total` +
    (max > 0 ? `; the most was ${measure.text(busiest)} on ${formatDay(busiest.date)}.` : '.');
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
      const barHeight = values[index] > 0 ? Math.max(2, baseline - y(values[index])) : 0;
      return svg(
        'g',
        { class: 'chart-day', dataset: { testid: 'day-bar', date: entry.date } },
        svg('title', { text: `${formatDay(entry.date, { year: true })}: ${figuresText(entry)}` }),
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
    return chartSvg({ width, height, title, description, testid: 'day-chart' }, grid, bars, labels);
  }, 'chart--days');
}

/** One labelled horizontal bar per entry of by_feature, of `measure`, with its value and share. */
export function featureChart(features, measure) {
  const values = features.map((entry) => measure.of(entry));
  const total = values.reduce((sum, value) => sum + value, 0);
  const max = Math.max(0, ...values);
  const valueText = (entry, index) => `${measure.text(entry)}${total ? ` · ${Math.round((values[index] / total) * 100)}%` : ''}`;
  const title = `${measure.label} by feature`;
  const description = `${title}: ${features.map((entry, index) => `${featureLabel(entry.feature)} ${valueText(entry, index)}`).join('; ')}.`;

  const row = 46;
  const height = features.length * row;
  const element = responsiveChart((width) => {
    const bars = features.map((entry, index) => {
      const top = index * row;
      const barWidth = values[index] > 0 ? Math.max(3, (values[index] / max) * width) : 0;
      return svg(
        'g',
        { class: 'chart-feature', dataset: { testid: 'feature-bar', feature: entry.feature } },
        svg('title', { text: `${featureLabel(entry.feature)}: ${figuresText(entry)}` }),
        svg('text', { class: 'chart-label', x: 0, y: top + 16, text: featureLabel(entry.feature) }),
        svg('text', { class: 'chart-value', x: width, y: top + 16, 'text-anchor': 'end', text: valueText(entry, index) }),
        svg('rect', { class: 'chart-track', x: 0, y: top + 24, width, height: 10, rx: 5 }),
        svg('rect', { class: 'chart-bar', x: 0, y: top + 24, width: barWidth, height: 10, rx: 5 }),
      );
    });
    return chartSvg({ width, height, title, description, testid: 'feature-chart' }, bars);
  }, 'chart--features');
  element.style.minHeight = `${height}px`; // the box keeps its height until the first drawing
  return element;
}
