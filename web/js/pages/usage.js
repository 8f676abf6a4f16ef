// My Usage (GET /api/usage/me): what the user's AI work used over a range of UTC days: tiles for spend, tokens,
// calls and credits, charts per day and per feature (of spend, tokens or calls), and tables by feature, model and
// object (the API's "task:…" and "persona:…"). Above them, this month's AI-spend quota when the API reports one.
// The range lives in the URL (?from=&to=) so reload and Back show the same days; no query means the API's
// default, the last 30 days. A range the API refuses shows its message on the From or To field.

import { updateBalance } from '../lib/auth.js';
import { h, replaceChildren } from '../lib/dom.js';
import { formatDay, formatNumber, formatSignedCredits, formatUsd } from '../lib/format.js';
import { icon } from '../components/icon.js';
import { loadErrorState } from '../components/load-error.js';
import { listPersonas } from '../components/persona-api.js';
import { quotaMeter } from '../components/quota-meter.js';
import { defaultRange, featureLabel, getUsage } from '../components/usage-api.js';
import { dayChart, defaultMeasure, featureChart, measureSwitch } from '../components/usage-charts.js';
import { usageRangeControl } from '../components/usage-range.js';
import { figuresTable, objectName } from '../components/usage-tables.js';

export const title = 'My Usage';

const OBJECTS_LIMIT = 100; // the API lists at most this many objects, the most costly first

export function render({ params, signal }) {
  let request = null; // AbortController of the usage request in flight
  signal.addEventListener('abort', () => request?.abort());

  const range = usageRangeControl({
    onChange: (next) => {
      pushRange(next);
      load(next);
    },
  });
  const results = h('div', { class: 'usage-results', 'aria-busy': 'true' }, skeleton());
  const quota = h('div', { class: 'usage-quota' });
  const element = h(
    'div',
    { class: 'usage-page' },
    h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: 'My Usage' }), h('p', { class: 'lede', text: 'What your research used, day by day: AI spend, tokens, calls and credits.' }))),
    quota,
    range.element,
    results,
  );

  /** A new range is a new history entry, so Back returns to the previous one (the router renders it afresh). */
  function pushRange({ from, to }) {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    const search = query.toString();
    const target = `/usage${search ? `?${search}` : ''}`;
    if (!signal.aborted && target !== window.location.pathname + window.location.search) window.history.pushState(null, '', target);
  }

  async function load(requested) {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    results.setAttribute('aria-busy', 'true');
    results.classList.add('is-loading');
    try {
      const usage = await getUsage(requested, { signal: controller.signal });
      range.show(usage);
      updateBalance(usage.credits.balance);
      replaceChildren(quota, usage.quota && quotaCard(usage.quota));
      const used = usage.totals.calls > 0 || usage.credits.used > 0;
      replaceChildren(results, used ? report(usage) : emptyState(usage.credits));
      if (used) namePersonas(controller.signal);
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted) return;
      if (error.status === 400) {
        range.showError(error, requested);
        replaceChildren(results, invalidRange());
      } else replaceChildren(results, h('div', { class: 'card' }, loadErrorState({ heading: 'Usage could not be loaded', error, retry: () => load(requested) })));
    } finally {
      if (request === controller) {
        results.setAttribute('aria-busy', 'false');
        results.classList.remove('is-loading');
      }
    }
  }

  /** Persona objects are listed by id; one page of the user's newest personas puts names on the ones it has. */
  async function namePersonas(requestSignal) {
    const links = [...results.querySelectorAll('[data-testid="usage-object-link"][data-kind="persona"]')];
    if (!links.length) return;
    try {
      const { items } = await listPersonas({ per_page: 100 }, { signal: requestSignal });
      const names = new Map(items.map((persona) => [persona.id, persona.name]));
      for (const link of links) if (names.has(link.dataset.id)) link.textContent = names.get(link.dataset.id);
    } catch {
      // The short ids stay: they still link to the profiles.
    }
  }

  const requested = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  // Until the API answers, the form shows the range asked for (no query: the API's default, the last 30 days).
  range.fill(requested.from || requested.to ? requested : defaultRange());
  load(requested);
  return element;
}

// ---- The report ----------------------------------------------------------------------------------
function report(usage) {
  return [
    summaryTiles(usage),
    dayCard(usage),
    h('div', { class: 'usage-grid' }, featureCard(usage), modelCard(usage)),
    objectCard(usage),
  ];
}

function summaryTiles({ totals, credits }) {
  const tile = (iconName, label, value, note, testid) =>
    h(
      'div',
      { class: 'card usage-tile' },
      h('dt', { class: 'usage-tile-label' }, icon(iconName, 'icon usage-tile-icon'), label),
      h('dd', { class: 'usage-tile-value', dataset: { testid } }, value),
      h('dd', { class: 'usage-tile-note' }, note),
    );
  const count = (value, testid) => h('span', { class: 'usage-tile-figure', dataset: { testid }, text: formatNumber(value) });
  return h(
    'dl',
    { class: 'usage-tiles', dataset: { testid: 'usage-tiles' } },
    tile('dollar', 'Spend', h('span', { dataset: { usd: totals.cost_usd }, text: formatUsd(totals.cost_usd) }), 'AI cost at the model providers’ prices', 'usage-spend'),
    tile('hash', 'Tokens', formatNumber(totals.total_tokens), [count(totals.prompt_tokens, 'usage-prompt-tokens'), ' prompt · ', count(totals.completion_tokens, 'usage-completion-tokens'), ' completion'], 'usage-tokens'),
    tile(
      'sparkles',
      'AI calls',
      formatNumber(totals.calls),
      totals.replayed_calls ? [count(totals.replayed_calls, 'usage-replayed'), ' replayed: served from cache at no cost'] : h('span', { dataset: { testid: 'usage-replayed' }, text: 'None served from cache' }),
      'usage-calls',
    ),
    tile(
      'coins',
      'Credits used',
      formatNumber(credits.used),
      [h('span', { dataset: { testid: 'usage-credits-added' }, text: formatSignedCredits(credits.added) }), ' added · balance ', count(credits.balance, 'usage-balance')],
      'usage-credits-used',
    ),
  );
}

function card({ id, heading, lede, testid, actions = null }, ...body) {
  return h(
    'section',
    { class: 'card usage-card', 'aria-labelledby': id, dataset: { testid } },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id, text: heading }), lede && h('p', { text: lede })), actions),
    body,
  );
}

/** A chart box with its Spend | Tokens | Calls switch; it starts on the first measure the range has any of. */
function measuredChart(draw, { totals, label }) {
  const measure = defaultMeasure(totals);
  const element = h('div', { class: 'usage-chart' }, draw(measure));
  const switcher = measureSwitch({ initial: measure, label, onChange: (next) => element.replaceChildren(draw(next)) });
  return { element, switcher };
}

function dayCard({ by_day: days, totals }) {
  const chart = measuredChart((measure) => dayChart(days, measure), { totals, label: 'Chart per day' });
  const table = figuresTable({
    caption: 'Usage per day',
    nameHeader: 'Day',
    rows: days.map((day) => ({ key: day.date, name: h('time', { datetime: day.date, text: formatDay(day.date, { year: true }) }), figures: day })),
    total: totals,
    testid: 'usage-by-day',
  });
  return card(
    { id: 'usage-days-heading', heading: 'Per day', lede: 'UTC days. Point at a bar for its figures.', testid: 'usage-days', actions: chart.switcher },
    chart.element,
    h('details', { class: 'chart-data' }, h('summary', {}, icon('list', 'icon chart-data-icon'), 'Show the days as a table'), table),
  );
}

function featureCard({ by_feature: features, totals }) {
  const chart = measuredChart((measure) => featureChart(features, measure), { totals, label: 'Chart by feature' });
  return card(
    { id: 'usage-features-heading', heading: 'By feature', lede: 'What the work went on.', testid: 'usage-features', actions: chart.switcher },
    chart.element,
    figuresTable({
      caption: 'Usage by feature',
      nameHeader: 'Feature',
      rows: features.map((entry) => ({ key: entry.feature, name: featureLabel(entry.feature), figures: entry })),
      total: totals,
      testid: 'usage-by-feature',
    }),
  );
}

function modelCard({ by_model: models, totals }) {
  return card(
    { id: 'usage-models-heading', heading: 'By model', lede: 'The AI models that did the work.', testid: 'usage-models' },
    figuresTable({
      caption: 'Usage by model',
      nameHeader: 'Model',
      rows: models.map((entry) => ({ key: entry.model, name: h('code', { class: 'model-name', text: entry.model }), figures: entry })),
      total: totals,
      testid: 'usage-by-model',
    }),
  );
}

function objectCard({ by_object: objects }) {
  return card(
    { id: 'usage-objects-heading', heading: 'By item', lede: 'The tasks and personas that used AI, the most costly first.', testid: 'usage-objects' },
    figuresTable({
      caption: 'Usage by task and persona',
      nameHeader: 'Item',
      rows: objects.map((entry) => ({ key: entry.object ?? 'none', name: objectName(entry.object), figures: entry })),
      testid: 'usage-by-object',
    }),
    objects.length >= OBJECTS_LIMIT && h('p', { class: 'card-footer', text: `The ${OBJECTS_LIMIT} most costly items are listed.` }),
  );
}

/** This month's quota: it does not depend on the range, so it sits above the range bar. */
function quotaCard(quota) {
  return card(
    { id: 'usage-quota-heading', heading: 'This month’s AI limit', lede: 'AI spend this UTC calendar month against your monthly limit.', testid: 'usage-quota-card' },
    h('div', { class: 'card-body' }, quotaMeter(quota, { testid: 'usage-quota' })),
  );
}

// ---- Other states ----------------------------------------------------------------------------------
function emptyState(credits) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'usage-empty-heading', dataset: { testid: 'usage-empty' } },
    h(
      'div',
      { class: 'empty-state' },
      h('span', { class: 'icon-tile' }, icon('usage')),
      h('h2', { id: 'usage-empty-heading', text: 'No usage in these dates' }),
      h('p', { text: 'Generating synthetic users and running focus groups use AI. When you do, the calls, tokens, spend and credits show up here, day by day.' }),
      h('p', {}, 'You have ', h('strong', { dataset: { testid: 'usage-balance' }, text: formatNumber(credits.balance) }), ' credits to spend.'),
      h('div', { class: 'actions' }, h('a', { class: 'btn btn-primary', href: '/personas', dataset: { testid: 'usage-empty-generate' } }, icon('sparkles'), 'Generate a panel')),
    ),
  );
}

function invalidRange() {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('history')), h('h2', { text: 'Choose other dates' }), h('p', { text: 'Correct the range above, or pick one of the preset ranges.' })),
  );
}

function skeleton() {
  const block = (className) => h('span', { class: `skeleton ${className}` });
  return h(
    'div',
    { class: 'usage-skeleton', 'aria-hidden': 'true' },
    h(
      'div',
      { class: 'usage-tiles' },
      Array.from({ length: 4 }, () => h('div', { class: 'card usage-tile' }, block('skeleton-short'), block('usage-skeleton-value'))),
    ),
    h('div', { class: 'card usage-card' }, h('div', { class: 'usage-chart' }, block('usage-skeleton-chart'))),
  );
}
