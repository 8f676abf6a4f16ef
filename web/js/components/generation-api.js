// The generation API (CONTRACT-3b "Generation API") and the bits of the credits API the wizard's preflight needs.

import { api } from '../lib/api.js';
import { updateBalance } from '../lib/auth.js';
import { ATTITUDES, GENDERS, INCOME_BANDS } from './persona-api.js';

export const COUNT_MIN = 1;
export const COUNT_MAX = 24;
export const COUNT_DEFAULT = 12;
export const BRIEF_MIN = 10;
export const BRIEF_MAX = 4000;

/** {persona_creation_cost, focus_group_run_cost} */
export function getPricing({ signal } = {}) {
  return api('/api/pricing', { signal });
}

/** {dimensions: [{name, levels: [{value, weight}]}]} */
export function getSamplingPlan({ signal } = {}) {
  return api('/api/personas/sampling-plan', { signal });
}

/** The current balance (GET /api/credits answers {balance, items, …}); the shell's credit pill learns it too. */
export async function getBalance({ signal } = {}) {
  const answer = await api('/api/credits?page=1&per_page=1', { signal });
  const balance = Number(answer?.balance);
  if (Number.isFinite(balance)) updateBalance(balance);
  return balance;
}

export const CUSTOMER_DATA_MAX_BYTES = 1048576;

/** Uploads CSV text as a customer dataset → {id, name, columns, row_count, created_at} (400 names the bad row). */
export function uploadCustomerData(csv, name) {
  const query = name ? `?name=${encodeURIComponent(name)}` : '';
  return api(`/api/customer-data${query}`, { method: 'POST', text: csv, contentType: 'text/csv' });
}

/** Reads a File as text (FileReader), rejecting with an Error whose message can be shown. */
export function readFileText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result ?? '')));
    reader.addEventListener('error', () => reject(new Error('The file could not be read.')));
    reader.readAsText(file);
  });
}

/** body: {brief, count, sampling?, folder_id?, seed?, customer_data_id?} → {task_id} (402 insufficient_credits, 429 too_many_tasks). */
export function startGeneration(body) {
  return api('/api/personas/generate', { method: 'POST', body });
}

/**
 * Sampling overrides for POST generate: only the dimensions where some level was switched off, each as the list
 * of levels to keep (SamplingPlan.applying). `kept` maps a dimension name to a Set of kept values.
 */
export function samplingOverrides(plan, kept) {
  const overrides = {};
  for (const dimension of plan.dimensions ?? []) {
    const values = dimension.levels.map((level) => level.value).filter((value) => kept.get(dimension.name)?.has(value));
    if (values.length && values.length < dimension.levels.length) overrides[dimension.name] = values;
  }
  return Object.keys(overrides).length ? overrides : null;
}

const DIMENSION_LABELS = { age_band: 'Age band', gender: 'Gender', income_band: 'Income', attitude: 'Attitude towards new products' };

export function dimensionLabel(name) {
  if (DIMENSION_LABELS[name]) return DIMENSION_LABELS[name];
  const words = String(name).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "upper_middle" → "Upper middle", "25-34" stays. */
export function levelLabel(value) {
  const known = [...GENDERS, ...INCOME_BANDS, ...ATTITUDES].find((option) => option.value === value);
  if (known) return known.label;
  const words = String(value).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The diversity score on 0–100 (the API may send 0–1). */
export function scorePercent(value) {
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return Math.round(number <= 1 ? number * 100 : number);
}
