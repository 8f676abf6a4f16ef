// Admin › Credit settings (GET/PUT /api/admin/settings): trial credits, the credit cost of creating a persona and
// of running a focus group, the default monthly AI-spend limit and the credit packs. Saved settings take effect
// everywhere within the settings cache time, which the page states.

import { h, replaceChildren } from '../lib/dom.js';
import { plural } from '../lib/format.js';
import { getSettings, saveSettings } from './admin-api.js';
import { packsEditor } from './admin-packs.js';
import { formAlert, handleSubmit, showApiError, submitButton, textField } from './form.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';
import { showToast } from './toast.js';

const COUNT_FIELDS = [
  { key: 'trial_credits', label: 'Trial credits', hint: 'Given to every new account.' },
  { key: 'persona_creation_cost', label: 'Persona creation cost', hint: 'Credits per persona generated.' },
  { key: 'focus_group_run_cost', label: 'Focus group run cost', hint: 'Credits per session run.' },
];
const DOLLARS = /^\d{1,6}(\.\d{1,2})?$/;

const countProblem = (text) => (/^\d{1,7}$/.test(text.trim()) && Number(text) <= 1_000_000 ? null : 'Use a whole number from 0 to 1,000,000.');

export function settingsPanel({ signal }) {
  const body = h('div', { class: 'admin-results', 'aria-busy': 'true' }, h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-line' })));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      replaceChildren(body, settingsForm(await getSettings({ signal }), load));
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, h('div', { class: 'card' }, loadErrorState({ heading: 'Settings could not be loaded', error, retry: load })));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  load();
  return body;
}

function settingsForm(settings, reload) {
  const fields = {};
  for (const { key, label, hint } of COUNT_FIELDS) {
    fields[key] = textField({ label, name: key, inputmode: 'numeric', hint, testid: `admin-setting-${key}` });
    fields[key].input.value = String(settings[key] ?? '');
  }
  fields.monthly_quota_usd = textField({ label: 'Default monthly AI limit (USD)', name: 'monthly_quota_usd', inputmode: 'decimal', hint: 'Per user per UTC month, unless set on the user.', testid: 'admin-setting-quota' });
  fields.monthly_quota_usd.input.value = settings.monthly_quota_usd ?? '';
  const packs = packsEditor(settings.credit_packs ?? []);
  const alert = formAlert();
  const submit = submitButton({ label: 'Save settings', pendingLabel: 'Saving…', testid: 'admin-settings-save', variant: 'btn-primary' });
  const delay = plural(settings.cache_seconds ?? 60, 'second');
  const form = h(
    'form',
    { class: 'card admin-card admin-form', novalidate: true, 'aria-labelledby': 'admin-settings-heading' },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-settings-heading', text: 'Credit settings' }), h('p', { dataset: { testid: 'admin-settings-delay' } }, icon('clock', 'icon admin-inline-icon'), `Saved changes take effect within ${delay}.`))),
    h('div', { class: 'card-body admin-stack' }, alert.element, h('div', { class: 'admin-form-grid' }, Object.values(fields).map((field) => field.element)), packs.element),
    h('div', { class: 'card-footer' }, h('span', { text: 'Prices already paid and credits already granted do not change.' }), submit.element),
  );

  handleSubmit(form, {
    alert,
    submit,
    checks: () => [
      ...COUNT_FIELDS.map(({ key }) => [fields[key], countProblem(fields[key].input.value)]),
      [fields.monthly_quota_usd, DOLLARS.test(fields.monthly_quota_usd.input.value.trim()) && Number(fields.monthly_quota_usd.input.value) <= 100_000 ? null : 'Enter dollars from 0.00 to 100000.00.'],
    ],
    action: async () => {
      const read = packs.rows();
      if (read.invalid) {
        read.invalid.focus();
        throw Object.assign(new Error('Correct the marked pack.'), { handled: true });
      }
      if (read.problem) throw new Error(read.problem);
      const body = Object.fromEntries(COUNT_FIELDS.map(({ key }) => [key, Number(fields[key].input.value)]));
      body.monthly_quota_usd = Number(fields.monthly_quota_usd.input.value).toFixed(2);
      body.credit_packs = read.packs;
      const saved = await saveSettings(body);
      showToast({ kind: 'success', message: `Settings saved. They take effect within ${plural(saved.cache_seconds ?? settings.cache_seconds ?? 60, 'second')}.` });
      reload();
    },
    onError: (error) => (error.handled ? alert.show(error.message) : showApiError(error, fields, alert)),
  });
  return form;
}
