// My Usage tables: one row per day, feature, model or object with its calls, tokens and spend, plus the name cell
// of an attributed object (a persona links to its profile).

import { h } from '../lib/dom.js';
import { formatNumber, formatUsd, usdPlaces } from '../lib/format.js';
import { usageObject } from './usage-api.js';

const figureCells = (figures, places) => [
  h('td', { class: 'num', dataset: { testid: 'cell-calls' }, text: formatNumber(figures.calls) }),
  h('td', { class: 'num', dataset: { testid: 'cell-tokens' }, text: formatNumber(figures.total_tokens) }),
  h('td', { class: 'num', dataset: { testid: 'cell-spend', usd: figures.cost_usd }, text: formatUsd(figures.cost_usd, { places }) }),
];

/**
 * rows: [{key, name (text or node), figures}]; total: the figures of a "Total" footer row, or null when the rows
 * are not the whole (e.g. only the most costly objects). Spend has one number of decimals down the column, so
 * the decimal points line up.
 */
export function figuresTable({ caption, nameHeader, rows, total = null, testid }) {
  const places = Math.max(...[...rows.map((row) => row.figures), total].filter(Boolean).map((figures) => usdPlaces(figures.cost_usd)));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table usage-table', dataset: { testid } },
      h('caption', { class: 'visually-hidden', text: caption }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: nameHeader }),
          h('th', { scope: 'col', class: 'num', text: 'Calls' }),
          h('th', { scope: 'col', class: 'num', text: 'Tokens' }),
          h('th', { scope: 'col', class: 'num', text: 'Spend' }),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) => h('tr', { dataset: { testid: 'usage-row', key: row.key } }, h('th', { scope: 'row', class: 'usage-name' }, row.name), figureCells(row.figures, places))),
      ),
      total && h('tfoot', {}, h('tr', { dataset: { testid: 'usage-total' } }, h('th', { scope: 'row', text: 'Total' }), figureCells(total, places))),
    ),
  );
}

/** The name cell of a by_object row: a persona links to its profile; null is "Unattributed". */
export function objectName(reference) {
  const object = usageObject(reference);
  if (object.href) return h('a', { href: object.href, dataset: { testid: 'usage-object-link', kind: object.kind, id: object.id }, text: object.label });
  return h('span', { class: object.kind ? null : 'muted', dataset: { kind: object.kind ?? 'none' }, text: object.label });
}
