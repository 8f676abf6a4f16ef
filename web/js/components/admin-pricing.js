// Admin › Pricing (GET /api/admin/pricing): per model, the price in force, the prices scheduled to take effect and
// the earlier ones; and the form to add a price. Prices are per million tokens, in dollars.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatUsd } from '../lib/format.js';
import { listPrices } from './admin-api.js';
import { priceForm } from './admin-price-form.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';

export function pricingPanel({ signal }) {
  const list = h('div', { class: 'admin-results', 'aria-busy': 'true' });
  const formSlot = h('div', { class: 'card-body' });
  const element = h(
    'div',
    { class: 'admin-pricing' },
    h('section', { class: 'card admin-card', 'aria-labelledby': 'admin-price-form-heading' }, h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-price-form-heading', text: 'Add a price' }), h('p', { text: 'A new price applies to calls made from its date on; recorded usage is never repriced.' }))), formSlot),
    list,
  );

  async function load() {
    list.setAttribute('aria-busy', 'true');
    try {
      const { models } = await listPrices({ signal });
      replaceChildren(formSlot, priceForm({ models: models.map((entry) => entry.model), onAdded: load }));
      replaceChildren(list, models.length ? models.map(modelCard) : h('div', { class: 'card' }, h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('dollar')), h('h3', { text: 'No prices yet' }))));
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(list, h('div', { class: 'card' }, loadErrorState({ heading: 'Prices could not be loaded', error, retry: load })));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  load();
  return element;
}

const rate = (text) => formatUsd(text, { places: 2 });

function priceRows(entries, kind) {
  return entries.map((entry) =>
    h(
      'tr',
      { dataset: { testid: 'admin-price-row', kind } },
      h('th', { scope: 'row' }, h('time', { datetime: entry.effective_from, text: formatDateTime(entry.effective_from) })),
      h('td', { class: 'num', text: rate(entry.input_usd_per_mtok) }),
      h('td', { class: 'num', text: rate(entry.output_usd_per_mtok) }),
      h('td', {}, h('span', { class: `badge ${kind === 'current' ? 'badge-success' : kind === 'scheduled' ? 'badge-brand' : ''}`, text: { current: 'In force', scheduled: 'Scheduled', history: 'Earlier' }[kind] })),
    ),
  );
}

function modelCard({ model, current, scheduled = [], history = [] }) {
  const id = `admin-price-${model.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return h(
    'section',
    { class: 'card admin-card', 'aria-labelledby': id, dataset: { testid: 'admin-price-model-card', model } },
    h('div', { class: 'card-header' }, h('div', {}, h('h3', { id }, h('code', { class: 'model-name', text: model })), h('p', { text: current ? `${rate(current.input_usd_per_mtok)} in · ${rate(current.output_usd_per_mtok)} out per million tokens` : 'No price in force yet.' }))),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table admin-table' },
        h('caption', { class: 'visually-hidden', text: `Prices of ${model}` }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'From' }), h('th', { scope: 'col', class: 'num', text: 'Input / Mtok' }), h('th', { scope: 'col', class: 'num', text: 'Output / Mtok' }), h('th', { scope: 'col', text: 'State' }))),
        h('tbody', {}, priceRows([...scheduled].reverse(), 'scheduled'), current && priceRows([current], 'current'), priceRows(history, 'history')),
      ),
    ),
  );
}
