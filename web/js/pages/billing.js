// Billing: the credit balance, the credit packs (Buy → POST /api/billing/checkout → the browser goes to Stripe
// Checkout's `url`), the return from Checkout (?checkout=<id> | ?session_id=<id> | ?canceled=1, checkout-return.js)
// and the credit history. The balance follows the shell's (the live socket's balance.changed reaches it too).

import { updateBalance, user } from '../lib/auth.js';
import { h, replaceChildren } from '../lib/dom.js';
import { formatNumber, formatPercent, formatUsd } from '../lib/format.js';
import { checkoutReturn, listPacks, pricePerCredit, rememberCheckout, startCheckout } from '../components/billing-api.js';
import { checkoutReturnNote } from '../components/checkout-return.js';
import { creditHistory } from '../components/credit-history.js';
import { formAlert, setBusy } from '../components/form.js';
import { icon } from '../components/icon.js';
import { loadErrorState } from '../components/load-error.js';

export const title = 'Billing';

const perCredit = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function render({ params, signal }) {
  const balance = h('span', { class: 'balance-value', dataset: { testid: 'billing-balance' } });
  showBalance(balance, user()?.credits_balance);
  const followShell = (event) => showBalance(balance, event.detail?.credits_balance);
  window.addEventListener('user_changed', followShell);
  signal.addEventListener('abort', () => window.removeEventListener('user_changed', followShell));

  const history = creditHistory({ signal, heading: 'Credit history', onLoad: (data) => updateBalance(data.balance) });
  const packs = packList({ signal, onBalance: updateBalance });
  const note = checkoutReturnNote(checkoutReturn(params), {
    signal,
    onGranted: () => {
      packs.reload();
      history.reload();
    },
  });

  return h(
    'div',
    { class: 'billing-page' },
    h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: 'Billing' }), h('p', { class: 'lede', text: 'Buy credits for generating synthetic users and running focus groups.' }))),
    note.element,
    h('div', { class: 'billing-grid' }, balanceCard(balance), packs.element),
    history.element,
  );
}

function showBalance(element, value) {
  if (typeof value === 'number') element.textContent = formatNumber(value);
  else if (!element.firstChild) element.append(h('span', { class: 'skeleton', 'aria-hidden': 'true' }));
}

function balanceCard(balance) {
  return h(
    'section',
    { class: 'card balance-card billing-balance', 'aria-labelledby': 'billing-balance-heading' },
    h(
      'div',
      { class: 'card-body' },
      h('div', {}, h('h2', { id: 'billing-balance-heading', class: 'eyebrow', text: 'Credit balance' }), h('p', { class: 'balance' }, balance, h('span', { class: 'balance-unit', text: 'credits' }))),
      h('p', { class: 'balance-note', text: 'Credits never expire. Generating synthetic users and running focus groups take credits from this balance.' }),
      h('a', { class: 'btn btn-secondary', href: '/usage' }, icon('usage'), 'View usage'),
    ),
  );
}

// ---- The packs ---------------------------------------------------------------------------------------------------
function packList({ signal, onBalance }) {
  const alert = formAlert();
  const body = h('div', { class: 'pack-body', 'aria-busy': 'true' }, skeletonPacks());
  const element = h(
    'section',
    { class: 'card packs-card', 'aria-labelledby': 'packs-heading', dataset: { testid: 'packs' } },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'packs-heading', text: 'Credit packs' }), h('p', { text: 'One-off purchases, no subscription. Larger packs cost less per credit.' }))),
    h('div', { class: 'card-body pack-card-body' }, alert.element, body, secureNote()),
  );

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const answer = await listPacks({ signal });
      if (Number.isFinite(answer.balance)) onBalance(answer.balance);
      replaceChildren(body, answer.packs?.length ? packGrid(answer.packs, buy) : noPacks());
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError') return;
      replaceChildren(body, loadErrorState({ heading: 'Credit packs could not be loaded', error, retry: load, headingLevel: 'h3' }));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  /** POSTs the checkout and leaves for Stripe; every Buy button waits meanwhile so one click makes one checkout. */
  async function buy(pack, button) {
    alert.hide();
    const buttons = [...body.querySelectorAll('[data-testid="pack-buy"]')];
    for (const other of buttons) other.disabled = true;
    setBusy(button, true);
    try {
      const checkout = await startCheckout(pack.id);
      rememberCheckout(checkout.checkout_id);
      window.location.assign(checkout.url);
    } catch (error) {
      for (const other of buttons) other.disabled = false;
      setBusy(button, false);
      alert.show(error.status === 503 ? 'Payments are unavailable right now. Nothing was charged; please try again in a few minutes.' : error.message);
      button.focus();
    }
  }

  load();
  return { element, reload: load };
}

function packGrid(packs, buy) {
  const rates = packs.map(pricePerCredit);
  const base = rates.find(Number.isFinite); // the first pack's rate: what the others save against
  const best = Math.min(...rates.filter(Number.isFinite));
  return h(
    'ul',
    { class: 'pack-grid' },
    packs.map((pack, index) => {
      const rate = rates[index];
      const saving = Number.isFinite(rate) && base > 0 ? 1 - rate / base : 0;
      const nameId = `pack-${pack.id}-name`;
      const button = h('button', { type: 'button', class: 'btn btn-primary btn-block', 'aria-describedby': nameId, dataset: { testid: 'pack-buy' } }, `Buy ${formatNumber(pack.credits)} credits`);
      button.addEventListener('click', () => buy(pack, button));
      return h(
        'li',
        { class: rate === best && packs.length > 1 ? 'pack pack--best' : 'pack', dataset: { testid: 'pack', pack: pack.id } },
        h('div', { class: 'pack-head' }, h('h3', { id: nameId, class: 'pack-name', text: pack.name }), rate === best && packs.length > 1 && h('span', { class: 'badge badge-brand', text: 'Best value' })),
        h('p', { class: 'pack-credits' }, h('span', { class: 'pack-credits-value', dataset: { testid: 'pack-credits' }, text: formatNumber(pack.credits) }), ' credits'),
        h('p', { class: 'pack-price', dataset: { testid: 'pack-price' }, text: formatUsd(pack.price_usd ?? centsToUsd(pack.price_cents), { places: 2 }) }),
        h(
          'p',
          { class: 'pack-rate' },
          h('span', { dataset: { testid: 'pack-per-credit' }, text: Number.isFinite(rate) ? `${perCredit.format(rate)} per credit` : '' }),
          saving >= 0.005 && h('span', { class: 'pack-saving', text: ` · save ${formatPercent(saving)}` }),
        ),
        button,
      );
    }),
  );
}

/** 4900 → "49.00", exact. */
function centsToUsd(cents) {
  const value = Math.max(0, Math.trunc(Number(cents) || 0));
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

function secureNote() {
  return h('p', { class: 'pack-secure' }, icon('lock'), 'You pay on Stripe’s secure checkout page and come back here. Cohorta never sees your card details.');
}

function noPacks() {
  return h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('billing')), h('h3', { text: 'No credit packs on sale' }), h('p', { text: 'Please contact your administrator to add credits.' }));
}

function skeletonPacks() {
  return h(
    'ul',
    { class: 'pack-grid', 'aria-hidden': 'true' },
    Array.from({ length: 3 }, () => h('li', { class: 'pack' }, h('span', { class: 'skeleton skeleton-short' }), h('span', { class: 'skeleton pack-skeleton-value' }), h('span', { class: 'skeleton' }))),
  );
}
