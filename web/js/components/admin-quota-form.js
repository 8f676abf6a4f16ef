// A user's own monthly AI-spend limit (PUT /api/admin/users/:id/quota): a dollar amount, or empty for the
// workspace default. onSaved(quota) with the quota under the new limit.

import { h } from '../lib/dom.js';
import { setQuota } from './admin-api.js';
import { formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';
import { showToast } from './toast.js';

const DOLLARS = /^\d{1,6}(\.\d{1,2})?$/;

export function quotaForm({ userId, onSaved }) {
  const field = textField({ label: 'Monthly limit (USD)', name: 'monthly_usd', inputmode: 'decimal', required: false, hint: 'Empty: the workspace default. 0 stops AI work for the month.', testid: 'admin-quota-input' });
  const fields = { monthly_usd: field };
  const alert = formAlert();
  const submit = submitButton({ label: 'Set limit', pendingLabel: 'Saving…', testid: 'admin-quota-submit', variant: 'btn-secondary' });
  const form = h('form', { class: 'admin-form', novalidate: true, 'aria-label': 'Monthly limit' }, alert.element, h('div', { class: 'admin-form-row admin-form-row--inline' }, field.element, h('div', { class: 'admin-form-actions' }, submit.element)));

  handleSubmit(form, {
    alert,
    submit,
    checks: () => {
      const text = field.input.value.trim();
      return [[field, !text || DOLLARS.test(text) ? null : 'Enter dollars such as 25 or 25.00, or leave it empty for the default.']];
    },
    action: async () => {
      const text = field.input.value.trim();
      const quota = await setQuota(userId, text || null);
      submit.setPending(false);
      showToast({ kind: 'success', message: text ? 'The user’s monthly limit is set.' : 'The user is back on the default monthly limit.' });
      onSaved(quota);
    },
    onError: (error) => showApiError(error, fields, alert),
  });
  return form;
}
