// The app-wide answer to a 402: a dialog with the way out. `insufficient_credits` → "Not enough credits" with Buy
// credits (Billing); `quota_exceeded` → "Monthly limit reached" with this month's spend, when it resets (GET
// /api/quota/me) and My Usage. One at a time: a second 402 while one is open replaces nothing. Following its link
// also closes any dialog underneath (a wizard that led to the 402), so the next page is not covered.

import { h } from '../lib/dom.js';
import { getQuota } from './billing-api.js';
import { messageDialog } from './dialog.js';
import { quotaMeter } from './quota-meter.js';

let open = null; // the promise of the dialog on screen

/** Shows the dialog for an ApiError with status 402. Resolves when it closes. */
export function paymentRequiredDialog(error, returnFocusTo = document.activeElement) {
  if (open) return open;
  const dialog = error?.code === 'quota_exceeded' ? quotaDialog(error, returnFocusTo) : creditsDialog(error, returnFocusTo);
  open = dialog.finally(() => {
    open = null;
  });
  return open;
}

function creditsDialog(error, returnFocusTo) {
  const shown = messageDialog({
    title: 'Not enough credits',
    message: `${error?.message || 'Your balance does not cover this.'} Buy a credit pack in Billing, then try again.`,
    action: { label: 'Buy credits', href: '/billing' },
    returnFocusTo,
    testid: 'credits-dialog',
  });
  closeUnderneathOnAction('credits-dialog');
  return shown;
}

function quotaDialog(error, returnFocusTo) {
  const details = h('div', { class: 'quota-dialog-details', 'aria-live': 'polite' }, h('span', { class: 'skeleton skeleton-short', 'aria-hidden': 'true' }));
  const shown = messageDialog({
    title: 'Monthly limit reached',
    message: error?.message || 'This month’s AI spend has reached your limit.',
    details,
    action: { label: 'See My Usage', href: '/usage' },
    returnFocusTo,
    testid: 'quota-dialog',
  });
  closeUnderneathOnAction('quota-dialog');
  const controller = new AbortController();
  shown.finally(() => controller.abort());
  getQuota({ signal: controller.signal }).then(
    (quota) => details.replaceChildren(quotaMeter(quota, { testid: 'quota-dialog-quota' }), h('p', { class: 'quota-dialog-wait', text: 'Nothing was charged. An administrator can raise your limit sooner.' })),
    () => details.replaceChildren(h('p', { class: 'quota-dialog-wait', text: 'AI work can continue when the limit resets at the start of next month (UTC), or sooner if an administrator raises it.' })),
  );
  return shown;
}

/** The action link leaves for another page: close every other open dialog with this one. */
function closeUnderneathOnAction(testid) {
  const link = document.querySelector(`[data-testid="${testid}-action"]`);
  link?.addEventListener('click', () => {
    for (const other of document.querySelectorAll('dialog[open]')) if (!other.contains(link)) other.close();
  });
}
