// Add a model price (POST /api/admin/pricing): the model, dollars per million input and output tokens, and when it
// takes effect (empty: now). Prices are never back-dated: recorded usage keeps the price it was made at.

import { h, uniqueId } from '../lib/dom.js';
import { addPrice } from './admin-api.js';
import { formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';
import { showToast } from './toast.js';

const MODEL = /^[A-Za-z0-9._:/-]{1,100}$/;
const DOLLARS = /^\d{1,4}(\.\d{1,6})?$/;

const dollarsProblem = (text) => (!DOLLARS.test(text.trim()) || Number(text) > 1000 ? 'Enter dollars from 0 to 1000, such as 3 or 0.15.' : null);

/** models: names to suggest; onAdded(entry). */
export function priceForm({ models, onAdded }) {
  const listId = uniqueId('models');
  const fields = {
    model: textField({ label: 'Model', name: 'model', testid: 'admin-price-model', hint: 'As the LLM gateway names it.' }),
    input_usd_per_mtok: textField({ label: 'Input, $ per million tokens', name: 'input', inputmode: 'decimal', testid: 'admin-price-input' }),
    output_usd_per_mtok: textField({ label: 'Output, $ per million tokens', name: 'output', inputmode: 'decimal', testid: 'admin-price-output' }),
    effective_from: textField({ label: 'Takes effect', name: 'effective_from', type: 'datetime-local', required: false, hint: 'Your local time. Empty: now.', testid: 'admin-price-from' }),
  };
  fields.model.input.setAttribute('list', listId);
  const alert = formAlert();
  const submit = submitButton({ label: 'Add price', pendingLabel: 'Adding…', testid: 'admin-price-submit', variant: 'btn-primary' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, 'aria-label': 'Add a price' },
    alert.element,
    h('datalist', { id: listId }, models.map((model) => h('option', { value: model }))),
    h('div', { class: 'admin-form-grid' }, Object.values(fields).map((field) => field.element)),
    h('div', { class: 'admin-form-actions' }, submit.element),
  );

  handleSubmit(form, {
    alert,
    submit,
    checks: () => [
      [fields.model, MODEL.test(fields.model.input.value.trim()) ? null : 'Use 1–100 letters, digits and . _ : / -'],
      [fields.input_usd_per_mtok, dollarsProblem(fields.input_usd_per_mtok.input.value)],
      [fields.output_usd_per_mtok, dollarsProblem(fields.output_usd_per_mtok.input.value)],
    ],
    action: async () => {
      const when = fields.effective_from.input.value;
      const entry = await addPrice({
        model: fields.model.input.value.trim(),
        input_usd_per_mtok: fields.input_usd_per_mtok.input.value.trim(),
        output_usd_per_mtok: fields.output_usd_per_mtok.input.value.trim(),
        ...(when ? { effective_from: new Date(when).toISOString() } : {}),
      });
      form.reset();
      submit.setPending(false);
      showToast({ kind: 'success', message: `The price of ${entry.model ?? 'the model'} is recorded.` });
      onAdded(entry);
    },
    onError: (error) => showApiError(error, fields, alert),
  });
  return form;
}
