// Admin › Usage (GET /api/admin/usage): every user's AI usage over a range of UTC days: totals, a chart per day,
// and tables by day, user, feature and model; "Download CSV" saves GET /api/admin/usage.csv for the same days.
// The range lives in the URL (?from=&to=) like My Usage; the range control, chart and tables are My Usage's.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDay, formatNumber, formatUsd, plural } from '../lib/format.js';
import { usageCsvPath, usageReport } from './admin-api.js';
import { usageFigures } from './admin-money.js';
import { downloadFile } from './export-download.js';
import { setBusy } from './form.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';
import { showToast } from './toast.js';
import { defaultRange, featureLabel } from './usage-api.js';
import { dayChart, defaultMeasure, measureSwitch } from './usage-charts.js';
import { usageRangeControl } from './usage-range.js';
import { figuresTable } from './usage-tables.js';

export function usagePanel({ signal, params }) {
  let request = null;
  let shown = null; // the range of the report on screen, for the CSV
  signal.addEventListener('abort', () => request?.abort());
  const range = usageRangeControl({
    onChange: (next) => {
      const query = new URLSearchParams(Object.entries(next).filter(([, value]) => value));
      if (window.location.pathname === '/admin/usage') window.history.pushState(null, '', `/admin/usage${query.size ? `?${query}` : ''}`);
      load(next);
    },
  });
  const csv = h('button', { type: 'button', class: 'btn btn-secondary', disabled: true, dataset: { testid: 'admin-usage-csv' } }, icon('arrowDown'), 'Download CSV');
  csv.addEventListener('click', async () => {
    setBusy(csv, true);
    try {
      await downloadFile(usageCsvPath(shown), `cohorta-usage-${shown.from}-to-${shown.to}.csv`, { signal });
    } catch (error) {
      if (error.name !== 'AbortError') showToast({ kind: 'error', title: 'The CSV could not be downloaded', message: error.message });
    } finally {
      setBusy(csv, false);
    }
  });
  const results = h('div', { class: 'admin-results', 'aria-busy': 'true' });
  const element = h('div', { class: 'admin-usage' }, h('div', { class: 'admin-toolbar' }, h('p', { class: 'admin-note', text: 'AI usage of every user, at the prices in force when each call was made. Viewing and downloading are recorded in the audit log.' }), csv), range.element, results);

  async function load(requested) {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    results.setAttribute('aria-busy', 'true');
    try {
      const report = await usageReport(requested, { signal: controller.signal });
      shown = { from: report.from, to: report.to };
      csv.disabled = false;
      range.show(report);
      replaceChildren(results, reportView(report));
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted) return;
      if (error.status === 400) range.showError(error, requested);
      replaceChildren(results, h('div', { class: 'card' }, loadErrorState({ heading: 'Usage could not be loaded', error, retry: () => load(requested) })));
    } finally {
      if (request === controller) results.setAttribute('aria-busy', 'false');
    }
  }

  const requested = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  range.fill(requested.from || requested.to ? requested : defaultRange());
  load(requested);
  return element;
}

function card(id, heading, lede, ...body) {
  return h('section', { class: 'card usage-card', 'aria-labelledby': id, dataset: { testid: id } }, h('div', { class: 'card-header' }, h('div', {}, h('h3', { id, text: heading }), lede && h('p', { text: lede }))), body);
}

function reportView(report) {
  const totals = usageFigures(report.totals);
  const days = report.by_day.map(usageFigures);
  const measure = defaultMeasure(totals);
  const chart = h('div', { class: 'usage-chart' }, dayChart(days, measure));
  const switcher = measureSwitch({ initial: measure, label: 'Chart per day', onChange: (next) => chart.replaceChildren(dayChart(days, next)) });
  const table = (caption, nameHeader, rows, testid) => figuresTable({ caption, nameHeader, rows, total: totals, testid });
  return [
    h(
      'dl',
      { class: 'admin-facts admin-totals', dataset: { testid: 'admin-usage-totals' } },
      h('div', { class: 'admin-fact' }, h('dt', { text: 'Spend' }), h('dd', { dataset: { testid: 'admin-usage-spend' }, text: formatUsd(totals.cost_usd) })),
      h('div', { class: 'admin-fact' }, h('dt', { text: 'AI calls' }), h('dd', { text: formatNumber(totals.calls) })),
      h('div', { class: 'admin-fact' }, h('dt', { text: 'Tokens' }), h('dd', { text: formatNumber(totals.total_tokens) })),
      h('div', { class: 'admin-fact' }, h('dt', { text: 'Users with usage' }), h('dd', { text: plural(report.by_user.length, 'user') })),
    ),
    h(
      'section',
      { class: 'card usage-card', 'aria-labelledby': 'admin-usage-days' },
      h('div', { class: 'card-header' }, h('div', {}, h('h3', { id: 'admin-usage-days', text: 'Per day' }), h('p', { text: 'UTC days. Point at a bar for its figures.' })), switcher),
      chart,
      h('details', { class: 'chart-data' }, h('summary', {}, icon('list', 'icon chart-data-icon'), 'Show the days as a table'), table('Usage per day', 'Day', days.map((day) => ({ key: day.day, name: formatDay(day.day, { year: true }), figures: day })), 'admin-usage-by-day')),
    ),
    card('admin-usage-users', 'By user', 'The most costly first.', table('Usage by user', 'User', report.by_user.map((entry) => ({ key: entry.user_id, name: h('a', { href: `/admin/users/${encodeURIComponent(entry.user_id)}`, text: entry.email || entry.user_id }), figures: usageFigures(entry) })), 'admin-usage-by-user')),
    h(
      'div',
      { class: 'usage-grid' },
      card('admin-usage-features', 'By feature', null, table('Usage by feature', 'Feature', report.by_feature.map((entry) => ({ key: entry.feature, name: featureLabel(entry.feature), figures: usageFigures(entry) })), 'admin-usage-by-feature')),
      card('admin-usage-models', 'By model', null, table('Usage by model', 'Model', report.by_model.map((entry) => ({ key: entry.model, name: h('code', { class: 'model-name', text: entry.model }), figures: usageFigures(entry) })), 'admin-usage-by-model')),
    ),
  ];
}
