// Adjust a user's credits (POST /api/admin/users/:id/credits): a signed whole number (negative takes credits back)
// and a reason, which is required and lands in the ledger and the audit log. One Idempotency-Key per intended
// change, so a retry after a lost answer applies it once; a new key after each success.

import { h } from '../lib/dom.js';
import { formatSignedCredits } from '../lib/format.js';
import { adjustCredits } from './admin-api.js';
import { formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';
import { showToast } from './toast.js';

const LIMIT = 1_000_000;

function amountProblem(text) {
  if (!text.trim()) return 'Enter a number of credits, such as 50 or -20.';
  if (!/^[+-]?\d+$/.test(text.trim())) return 'Use a whole number, with a minus sign to take credits back.';
  const amount = Number.parseInt(text, 10);
  if (amount === 0) return 'Enter a number other than zero.';
  if (Math.abs(amount) > LIMIT) return `Adjust by at most ${LIMIT.toLocaleString()} credits at a time.`;
  return null;
}

/** onAdjusted({balance, entry}) after a change is applied. */
export function creditForm({ userId, onAdjusted }) {
  const fields = {
    amount: textField({ label: 'Credits', name: 'amount', inputmode: 'numeric', hint: 'Positive to grant, negative to take back.', testid: 'admin-credit-amount' }),
    reason: textField({ label: 'Reason', name: 'reason', hint: 'Required. Shown in the user’s credit history and the audit log.', testid: 'admin-credit-reason' }),
  };
  fields.reason.input.maxLength = 200;
  const alert = formAlert();
  const submit = submitButton({ label: 'Adjust credits', pendingLabel: 'Adjusting…', testid: 'admin-credit-submit', variant: 'btn-primary' });
  const form = h('form', { class: 'admin-form', novalidate: true, 'aria-label': 'Adjust credits' }, alert.element, h('div', { class: 'admin-form-row' }, fields.amount.element, fields.reason.element), h('div', { class: 'admin-form-actions' }, submit.element));
  let key = crypto.randomUUID();
  let keyFor = '';

  handleSubmit(form, {
    alert,
    submit,
    checks: () => [
      [fields.amount, amountProblem(fields.amount.input.value)],
      [fields.reason, fields.reason.input.value.trim() ? null : 'Give a reason: it is recorded with the change.'],
    ],
    action: async () => {
      const amount = Number.parseInt(fields.amount.input.value, 10);
      const reason = fields.reason.input.value.trim();
      const intent = `${amount}\n${reason}`;
      if (intent !== keyFor) {
        key = crypto.randomUUID();
        keyFor = intent;
      }
      const result = await adjustCredits(userId, { amount, reason, key });
      keyFor = '';
      form.reset();
      submit.setPending(false);
      showToast({ kind: 'success', message: `${formatSignedCredits(amount)} credits applied. The balance is now ${result.balance.toLocaleString()}.` });
      onAdjusted(result);
    },
    onError: (error) => showApiError(error.status === 402 ? { ...error, message: 'The balance is smaller than that: a balance never goes below zero.', field: 'amount' } : error, fields, alert),
  });
  return form;
}
