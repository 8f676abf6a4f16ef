// The credit history card (GET /api/credits): the ledger newest first with paging, an empty state and a retry.
// The dashboard and Billing show it; a 640 px-and-under layout turns each row into a two-line card (pages.css).

import { api } from '../lib/api.js';
import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatNumber, formatSignedCredits, ledgerKindLabel } from '../lib/format.js';
import { icon } from './icon.js';

const PER_PAGE = 10;

/**
 * The credit history card with paging. Calls onLoad with every successful GET /api/credits answer.
 * Returns { element, reload() }: reload shows the first page again (e.g. after a purchase was granted).
 */
export function creditHistory({ signal, onLoad = () => {}, heading: title = 'Recent credit activity' }) {
  let currentPage = 1;
  const heading = h('h2', { id: 'history-heading', tabindex: '-1', text: title });
  const body = h('div', { class: 'history-body' });
  const summary = h('p', {});
  const newer = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Newer' });
  const older = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Older' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Credit history pages' }, newer, older);
  const footer = h('div', { class: 'card-footer', hidden: true }, summary, pager);
  const element = h(
    'section',
    { class: 'card history-card', 'aria-labelledby': 'history-heading', 'aria-busy': 'true' },
    h(
      'div',
      { class: 'card-header' },
      h('div', {}, heading, h('p', { text: 'Every grant, purchase and charge on your account, newest first.' })),
    ),
    body,
    footer,
  );

  async function load(page, { fromPager = false } = {}) {
    element.setAttribute('aria-busy', 'true');
    if (!body.querySelector('table')) replaceChildren(body, table(skeletonRows()));
    try {
      const data = await api(`/api/credits?page=${page}&per_page=${PER_PAGE}`, { signal });
      currentPage = data.page;
      onLoad(data);
      showPage(data);
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, loadError(error, () => load(page)));
      footer.hidden = true;
    } finally {
      element.setAttribute('aria-busy', 'false');
    }
    // A pager button that just became disabled drops focus; keep the keyboard user in the card.
    if (fromPager && (document.activeElement === document.body || document.activeElement?.disabled)) heading.focus();
  }

  function showPage({ items, page, per_page: perPage, total }) {
    if (!items.length && page === 1) {
      replaceChildren(
        body,
        h(
          'div',
          { class: 'empty-state' },
          h('span', { class: 'icon-tile' }, icon('history')),
          h('h3', { text: 'No credit activity yet' }),
          h('p', { text: 'Grants, purchases and charges will appear here as they happen.' }),
        ),
      );
      footer.hidden = true;
      return;
    }
    replaceChildren(body, table(items.map(row)));
    const first = (page - 1) * perPage + 1;
    const last = Math.min(total, first + items.length - 1);
    const pages = Math.max(1, Math.ceil(total / perPage));
    summary.textContent = `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`;
    pager.hidden = pages < 2;
    newer.disabled = page <= 1;
    older.disabled = page >= pages;
    footer.hidden = false;
  }

  newer.addEventListener('click', () => load(currentPage - 1, { fromPager: true }));
  older.addEventListener('click', () => load(currentPage + 1, { fromPager: true }));
  load(1);
  return { element, reload: () => load(1) };
}

function table(rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table ledger-table' },
      h('caption', { class: 'visually-hidden', text: 'Credit history' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: 'Date' }),
          h('th', { scope: 'col', text: 'Activity' }),
          h('th', { scope: 'col', class: 'num', text: 'Amount' }),
          h('th', { scope: 'col', class: 'num', text: 'Balance after' }),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

function row(entry) {
  const amountClass = entry.amount > 0 ? 'amount amount--credit' : entry.amount < 0 ? 'amount amount--debit' : 'amount';
  return h(
    'tr',
    { dataset: { testid: 'credit-row', kind: entry.kind } },
    h('td', { class: 'col-date muted' }, h('time', { datetime: entry.created_at, text: formatDateTime(entry.created_at) })),
    h(
      'td',
      { class: 'col-activity' },
      h(
        'span',
        { class: 'activity' },
        h('span', { class: 'activity-kind', text: ledgerKindLabel(entry.kind) }),
        showsReason(entry) && h('span', { class: 'activity-reason', text: entry.reason }),
      ),
    ),
    h('td', { class: 'col-amount num' }, h('span', { class: amountClass, text: formatSignedCredits(entry.amount) })),
    h('td', { class: 'col-balance num', text: formatNumber(entry.balance_after) }),
  );
}

function showsReason(entry) {
  const reason = (entry.reason ?? '').trim();
  return reason !== '' && reason.toLowerCase() !== ledgerKindLabel(entry.kind).toLowerCase();
}

function skeletonRows() {
  return Array.from({ length: 3 }, () =>
    h(
      'tr',
      { class: 'skeleton-row', 'aria-hidden': 'true' },
      ['col-date', 'col-activity', 'col-amount num', 'col-balance num'].map((column) =>
        h('td', { class: column }, h('span', { class: 'skeleton' })),
      ),
    ),
  );
}

function loadError(error, retry) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('refresh'), 'Try again');
  button.addEventListener('click', retry);
  return h(
    'div',
    { class: 'empty-state' },
    h('span', { class: 'icon-tile' }, icon('warning')),
    h('h3', { text: 'Credit history is unavailable' }),
    h('p', { text: error.message }),
    h('div', { class: 'actions' }, button),
  );
}
