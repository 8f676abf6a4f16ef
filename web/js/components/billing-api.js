// The billing and quota API (CONTRACT-6): credit packs, Stripe Checkout and the monthly AI-spend quota.
//   GET  /api/billing/packs          → {packs: [{id, name, price_cents, price_usd: "49.00", credits}], balance}
//   POST /api/billing/checkout {pack} → 201 {checkout_id, url}          (503 when Stripe cannot be reached)
//   GET  /api/billing/checkout/:id   → {checkout_id, pack, credits, status: open|paid|unpaid|expired|failed, granted}
//   GET  /api/quota/me               → {limit_usd, spent_usd, remaining_usd, month: "YYYY-MM", resets_at}

import { api } from '../lib/api.js';

export function listPacks({ signal } = {}) {
  return api('/api/billing/packs', { signal });
}

export function startCheckout(pack) {
  return api('/api/billing/checkout', { method: 'POST', body: { pack } });
}

export function getCheckout(id, { signal } = {}) {
  return api(`/api/billing/checkout/${encodeURIComponent(id)}`, { signal });
}

/** The quota alone; `quotaEvent: false` so asking about the limit never raises the limit dialog itself. */
export function getQuota({ signal } = {}) {
  return api('/api/quota/me', { signal, quotaEvent: false });
}

// ---- The return from Checkout -----------------------------------------------------------------------------------
// Checkout sends the browser back to /billing?checkout=<id> (or ?session_id=<id>, Stripe's {CHECKOUT_SESSION_ID}
// template) on success and /billing?canceled=1 on cancel. The id of the checkout this tab started is also kept, so
// a success URL whose template was not filled in still finds it.

const STARTED_KEY = 'cohorta.checkout';

export function rememberCheckout(id) {
  try {
    window.sessionStorage.setItem(STARTED_KEY, id);
  } catch {
    // Storage may be off (private mode): the success URL still carries the id.
  }
}

function startedCheckout() {
  try {
    return window.sessionStorage.getItem(STARTED_KEY);
  } catch {
    return null;
  }
}

export function forgetCheckout() {
  try {
    window.sessionStorage.removeItem(STARTED_KEY);
  } catch {
    // Nothing kept.
  }
}

/** A real id, not an unfilled template such as "{CHECKOUT_SESSION_ID}". */
const usableId = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{1,255}$/.test(value);

/** What the URL says about a return from Checkout: {kind: 'none'} | {kind: 'canceled'} | {kind: 'paid', id}. */
export function checkoutReturn(params) {
  if (['1', 'true'].includes(params.get('canceled') ?? params.get('cancelled'))) return { kind: 'canceled' };
  const named = ['checkout', 'session_id', 'checkout_id'].map((name) => params.get(name)).find((value) => value !== null);
  if (named === undefined) return { kind: 'none' };
  const id = usableId(named) ? named : startedCheckout();
  return usableId(id) ? { kind: 'paid', id } : { kind: 'unknown' };
}

/** Cents per credit as a dollar amount: {price_cents: 19900, credits: 220} → 0.9045… */
export function pricePerCredit({ price_cents: cents, credits }) {
  return credits > 0 ? cents / 100 / credits : Number.NaN;
}
