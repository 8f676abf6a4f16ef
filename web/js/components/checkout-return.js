// The Billing page's note about a return from Stripe Checkout. After a payment it polls GET
// /api/billing/checkout/:id (1 s, slowing to 5 s) until the credits are granted or the checkout ends:
//   granted                 → "Payment received — N credits added" (and onGranted, so the page refreshes the balance)
//   open / paid (not yet granted) → waiting for Stripe's confirmation
//   unpaid                  → a delayed payment method (bank debit): credits arrive when it clears
//   failed / expired / canceled → what happened; nothing was charged or added
// After two minutes without an end it stops and offers "Check again". A cancelled Checkout gets a calm note.

import { h } from '../lib/dom.js';
import { plural } from '../lib/format.js';
import { forgetCheckout, getCheckout } from './billing-api.js';
import { icon } from './icon.js';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 5000;
const GIVE_UP_MS = 120_000;
const NETWORK_RETRIES = 5;

const TONES = { success: 'alert-success', pending: 'alert-info', warning: 'alert-warning', error: 'alert-error', info: 'alert-info' };
const ICONS = { success: 'success', warning: 'warning', error: 'error', info: 'info' };

/**
 * returned: checkoutReturn(params) of billing-api.js. onGranted(checkout) runs once when the credits arrive.
 * Returns { element } (empty and hidden when the URL is not a return from Checkout).
 */
export function checkoutReturnNote(returned, { signal, onGranted }) {
  const element = h('div', { class: 'checkout-note', role: 'status', 'aria-live': 'polite', dataset: { testid: 'checkout-status' } });

  function show(tone, state, title, text, ...extra) {
    if (element.dataset.state === state) return; // a poll with no news says nothing new to a screen reader
    element.dataset.state = state;
    element.replaceChildren(
      h(
        'div',
        { class: `alert ${TONES[tone]} checkout-alert` },
        tone === 'pending' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : icon(ICONS[tone]),
        h('div', { class: 'checkout-alert-body' }, h('p', { class: 'checkout-title', dataset: { testid: 'checkout-title' }, text: title }), text && h('p', { text }), extra),
      ),
    );
  }

  if (returned.kind === 'canceled') {
    forgetCheckout();
    show('info', 'canceled', 'Checkout cancelled', 'You have not been charged. Choose a pack whenever you are ready.');
  } else if (returned.kind === 'unknown') {
    show('info', 'unknown', 'Welcome back from Checkout', 'If your payment went through, the credits appear on your balance and in the history below within a minute.');
  } else if (returned.kind === 'paid') {
    follow(returned.id);
  }

  function follow(id) {
    const startedAt = Date.now();
    let delay = FIRST_DELAY_MS;
    let failures = 0;
    let timer = null;
    signal.addEventListener('abort', () => window.clearTimeout(timer));
    show('pending', 'pending', 'Confirming your payment…', 'This usually takes a few seconds.');

    const again = () => {
      const button = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'checkout-check-again' } }, icon('refresh'), 'Check again');
      button.addEventListener('click', () => follow(id));
      return h('p', { class: 'checkout-actions' }, button);
    };

    async function poll() {
      let checkout;
      try {
        checkout = await getCheckout(id, { signal });
      } catch (error) {
        if (signal.aborted || error.name === 'AbortError') return;
        if (error.status === 404) {
          forgetCheckout();
          show('error', 'not_found', 'We could not find this checkout', 'The link may belong to another account. Your balance and credit history below are up to date.');
          return;
        }
        if (error.status === 0 && ++failures <= NETWORK_RETRIES) return later();
        show('error', 'unreachable', 'Your payment could not be checked', error.message, again());
        return;
      }
      failures = 0;
      if (settle(checkout)) return;
      if (Date.now() - startedAt >= GIVE_UP_MS) {
        show('info', 'slow', 'Still waiting for the payment confirmation', 'Stripe has not confirmed the payment yet. Your credits are added as soon as it does; you can leave this page.', again());
        return;
      }
      later();
    }

    function later() {
      timer = window.setTimeout(poll, delay);
      delay = Math.min(MAX_DELAY_MS, Math.round(delay * 1.5));
    }

    /** Shows the checkout's state; true when it is final (nothing more will change by waiting). */
    function settle(checkout) {
      const credits = plural(Number(checkout.credits) || 0, 'credit');
      if (checkout.granted) {
        forgetCheckout();
        show('success', 'granted', `Payment received — ${credits} added`, 'They are on your balance now. Thank you!');
        onGranted?.(checkout);
        return true;
      }
      switch (checkout.status) {
        case 'failed':
          forgetCheckout();
          show('error', 'failed', 'The payment failed', 'Your bank or card declined it, so no credits were added. You can try again with another payment method.');
          return true;
        case 'expired':
          forgetCheckout();
          show('warning', 'expired', 'This checkout expired', 'It was not paid in time, so nothing was charged. Choose a pack to start a new one.');
          return true;
        case 'canceled':
        case 'cancelled':
          forgetCheckout();
          show('info', 'canceled', 'Checkout cancelled', 'You have not been charged.');
          return true;
        case 'unpaid':
          show('pending', 'processing', 'Your payment is processing', `Some payment methods take a while to clear. ${credits} will be added as soon as it does; you can leave this page.`);
          return false;
        default:
          show('pending', 'pending', 'Confirming your payment…', 'This usually takes a few seconds.');
          return false;
      }
    }

    poll();
  }

  return { element };
}
