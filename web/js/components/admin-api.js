// The administrators' API (docs/openapi.yaml, tag `admin`; CONTRACT-7): users, credits, quota, audit, the usage
// report and its CSV, model prices, credit settings and business analytics. Thin wrappers over api().
//   User: {id, email, role, credits_balance, disabled, created_at}; detail adds {quota, personas, disputed?,
//         sessions, usage_30d {calls, cost_usd}}.   Lists: {items, page, per_page, total}.
//   Money is exact decimal strings ("12.34", "-1.25"); cents are integers; days are UTC "YYYY-MM-DD".

import { api } from '../lib/api.js';

const userPath = (id) => `/api/admin/users/${encodeURIComponent(id)}`;

function query(values) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- Users -------------------------------------------------------------------------------------------------------
export function searchUsers({ q, page, perPage }, { signal } = {}) {
  return api(`/api/admin/users${query({ q, page, per_page: perPage })}`, { signal });
}

export function getUser(id, { signal } = {}) {
  return api(userPath(id), { signal });
}

/** change: {role?: 'user'|'admin', disabled?: boolean} → the user. */
export function updateUser(id, change) {
  return api(userPath(id), { method: 'PATCH', body: change });
}

/** A signed whole number of credits with a reason; the key makes a retried click apply once. → {balance, entry}. */
export function adjustCredits(id, { amount, reason, key }) {
  return api(`${userPath(id)}/credits`, { method: 'POST', body: { amount, reason }, headers: { 'Idempotency-Key': key }, quotaEvent: false });
}

/** monthlyUsd: "25.00", or null for the default → the quota. */
export function setQuota(id, monthlyUsd) {
  return api(`${userPath(id)}/quota`, { method: 'PUT', body: { monthly_usd: monthlyUsd } });
}

export function auditLog({ userId, page, perPage }, { signal } = {}) {
  return api(`/api/admin/audit${query({ user_id: userId, page, per_page: perPage })}`, { signal });
}

// ---- Usage and analytics -----------------------------------------------------------------------------------------
export function usageReport({ from, to }, { signal } = {}) {
  return api(`/api/admin/usage${query({ from, to })}`, { signal });
}

export const usageCsvPath = ({ from, to }) => `/api/admin/usage.csv${query({ from, to })}`;

export function analytics(days, { signal } = {}) {
  return api(`/api/admin/analytics${query({ days })}`, { signal });
}

// ---- Prices and settings -----------------------------------------------------------------------------------------
/** → {models: [{model, current|null, scheduled: [], history: []}]}, entries {input_usd_per_mtok, output_usd_per_mtok, effective_from}. */
export function listPrices({ signal } = {}) {
  return api('/api/admin/pricing', { signal });
}

export function addPrice(body) {
  return api('/api/admin/pricing', { method: 'POST', body });
}

/** → {trial_credits, persona_creation_cost, focus_group_run_cost, monthly_quota_usd, credit_packs, cache_seconds}. */
export function getSettings({ signal } = {}) {
  return api('/api/admin/settings', { signal });
}

export function saveSettings(settings) {
  return api('/api/admin/settings', { method: 'PUT', body: settings });
}
