// Admin › Analytics (GET /api/admin/analytics?days=): totals for the period, then charts per UTC day of signups,
// active users, personas and sessions, and revenue against LLM spend with the margin, each with its numbers as a
// table under "Show as a table"; and the ten users with the most LLM spend. The period lives in the URL (?days=).

import { h, replaceChildren } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { analytics } from './admin-api.js';
import { lineChart, seriesTable } from './admin-charts.js';
import { formatCents, formatMicroUsd, formatSignedUsd, microFromUsd } from './admin-money.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';

const PERIODS = [7, 30, 90, 365];

export function analyticsPanel({ signal, params }) {
  const asked = Number.parseInt(params.get('days') ?? '', 10);
  let request = null;
  signal.addEventListener('abort', () => request?.abort());
  const select = h('select', { class: 'input select', id: 'admin-analytics-days', dataset: { testid: 'admin-analytics-days' } }, PERIODS.map((days) => h('option', { value: String(days), text: `Last ${days} days` })));
  select.value = String(PERIODS.includes(asked) ? asked : 30);
  select.addEventListener('change', () => {
    if (window.location.pathname === '/admin/analytics') window.history.replaceState(null, '', `/admin/analytics?days=${select.value}`);
    load();
  });
  const results = h('div', { class: 'admin-results', 'aria-busy': 'true' });
  const element = h(
    'div',
    { class: 'admin-analytics' },
    h('div', { class: 'admin-toolbar' }, h('p', { class: 'admin-note', text: 'UTC days. Revenue is Stripe credit purchases less refunds; margin is revenue less LLM spend.' }), h('div', { class: 'admin-period' }, h('label', { for: 'admin-analytics-days', text: 'Period' }), h('div', { class: 'select-wrap select-wrap--compact' }, select, icon('chevronDown', 'icon select-chevron')))),
    results,
  );

  async function load() {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    results.setAttribute('aria-busy', 'true');
    try {
      replaceChildren(results, report(await analytics(Number(select.value), { signal: controller.signal })));
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted) return;
      replaceChildren(results, h('div', { class: 'card' }, loadErrorState({ heading: 'Analytics could not be loaded', error, retry: load })));
    } finally {
      if (request === controller) results.setAttribute('aria-busy', 'false');
    }
  }

  load();
  return element;
}

function chartCard({ id, heading, days, series, format }) {
  return h(
    'section',
    { class: 'card usage-card', 'aria-labelledby': id, dataset: { testid: id } },
    h('div', { class: 'card-header' }, h('div', {}, h('h3', { id, text: heading }))),
    h('div', { class: 'usage-chart' }, lineChart({ days, series, format, title: heading, testid: `${id}-chart` })),
    h('details', { class: 'chart-data' }, h('summary', {}, icon('list', 'icon chart-data-icon'), 'Show as a table'), seriesTable({ days, series, format, caption: heading, testid: `${id}-table` })),
  );
}

function report({ days: entries, totals, top_users: topUsers }) {
  const days = entries.map((entry) => entry.day);
  const column = (key, of = Number) => entries.map((entry) => of(entry[key]) || 0);
  const fact = (label, value, testid) => h('div', { class: 'admin-fact' }, h('dt', { text: label }), h('dd', { dataset: { testid } }, value));
  return [
    h(
      'dl',
      { class: 'admin-facts admin-totals', dataset: { testid: 'admin-analytics-totals' } },
      fact('Signups', formatNumber(totals.signups), 'admin-total-signups'),
      fact('Active users', formatNumber(totals.active_users), 'admin-total-active'),
      fact('Personas', formatNumber(totals.personas), 'admin-total-personas'),
      fact('Sessions', formatNumber(totals.sessions), 'admin-total-sessions'),
      fact('Revenue', formatCents(totals.revenue_cents), 'admin-total-revenue'),
      fact('LLM spend', formatSignedUsd(totals.llm_spend_usd), 'admin-total-spend'),
      fact('Margin', formatSignedUsd(totals.margin_usd), 'admin-total-margin'),
    ),
    h(
      'div',
      { class: 'usage-grid' },
      chartCard({ id: 'admin-chart-signups', heading: 'Signups', days, series: [{ key: 'signups', label: 'Signups', values: column('signups') }], format: formatNumber }),
      chartCard({ id: 'admin-chart-active', heading: 'Active users', days, series: [{ key: 'active_users', label: 'Active users', values: column('active_users') }], format: formatNumber }),
    ),
    chartCard({ id: 'admin-chart-work', heading: 'Personas and sessions', days, series: [{ key: 'personas', label: 'Personas', values: column('personas') }, { key: 'sessions', label: 'Sessions', values: column('sessions') }], format: formatNumber }),
    chartCard({
      id: 'admin-chart-money',
      heading: 'Revenue and LLM spend',
      days,
      series: [
        { key: 'revenue', label: 'Revenue', values: column('revenue_cents', (cents) => Number(cents) * 10_000) },
        { key: 'spend', label: 'LLM spend', values: column('llm_spend_usd', microFromUsd) },
        { key: 'margin', label: 'Margin', values: column('margin_usd', microFromUsd) },
      ],
      format: formatMicroUsd,
    }),
    topUsersCard(topUsers),
  ];
}

function topUsersCard(users) {
  return h(
    'section',
    { class: 'card usage-card', 'aria-labelledby': 'admin-top-users', dataset: { testid: 'admin-top-users' } },
    h('div', { class: 'card-header' }, h('div', {}, h('h3', { id: 'admin-top-users', text: 'Top users' }), h('p', { text: 'The ten with the most LLM spend in the period.' }))),
    users.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table usage-table' },
            h('caption', { class: 'visually-hidden', text: 'Top users by LLM spend' }),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'User' }), h('th', { scope: 'col', class: 'num', text: 'Calls' }), h('th', { scope: 'col', class: 'num', text: 'LLM spend' }), h('th', { scope: 'col', class: 'num', text: 'Revenue' }))),
            h('tbody', {}, users.map((user) => h('tr', { dataset: { testid: 'admin-top-user' } }, h('th', { scope: 'row' }, h('a', { href: `/admin/users/${encodeURIComponent(user.user_id)}`, text: user.email || user.user_id })), h('td', { class: 'num', text: formatNumber(user.calls) }), h('td', { class: 'num', text: formatSignedUsd(user.spend_usd) }), h('td', { class: 'num', text: formatCents(user.revenue_cents) })))),
          ),
        )
      : h('div', { class: 'empty-state' }, h('p', { text: 'No LLM spend in the period.' })),
  );
}
