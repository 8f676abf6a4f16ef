// The usage API (CONTRACT-usage "GET /api/usage/me"): the request, the range presets in UTC calendar days (as the
// API counts them), and readable names for feature codes and attributed objects.
//   Answer: {from, to, totals, by_day, by_feature, by_model, by_object, credits: {balance, added, used}}, where
//   every figure set is {calls, replayed_calls, prompt_tokens, completion_tokens, total_tokens, cost_micro_usd,
//   cost_usd ("0.001234", exact)}.

import { api } from '../lib/api.js';
import { humanize } from './persona-api.js';

/** range: {from, to} as "YYYY-MM-DD"; an empty end is left to the API's default. */
export function getUsage({ from, to }, { signal } = {}) {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const search = query.toString();
  return api(`/api/usage/me${search ? `?${search}` : ''}`, { signal });
}

// ---- Days ---------------------------------------------------------------------------------------
const DAY_MS = 86_400_000;

export function todayUtc(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

export function addDays(isoDay, count) {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `text` is a real calendar day written YYYY-MM-DD ("2026-02-30" is not). */
export function isDay(text) {
  const time = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') && Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}

/** Inclusive day count of a range of valid days. */
export function dayCount(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

const lastDays = (count) => (today) => ({ from: addDays(today, 1 - count), to: today });

/** The range the API answers for when asked for none: the last 30 days. */
export const defaultRange = (today = todayUtc()) => lastDays(30)(today);

// `short` is the label on narrow screens.
export const PRESETS = [
  { key: '7d', label: 'Last 7 days', short: '7 days', range: lastDays(7) },
  { key: '30d', label: 'Last 30 days', short: '30 days', range: lastDays(30) },
  { key: 'month', label: 'This month', short: 'This month', range: (today) => ({ from: `${today.slice(0, 8)}01`, to: today }) },
];

/** The preset whose range today is exactly {from, to}, or null (a custom range). */
export function presetOf({ from, to }, today = todayUtc()) {
  return PRESETS.find((preset) => {
    const range = preset.range(today);
    return range.from === from && range.to === to;
  }) ?? null;
}

// ---- Money --------------------------------------------------------------------------------------
/** Whole micro-dollars → the API's exact decimal string ("1234" → "0.001234"), for chart scales. */
export function usdFromMicro(micro) {
  const value = Math.max(0, Math.trunc(Number(micro) || 0));
  return `${Math.floor(value / 1_000_000)}.${String(value % 1_000_000).padStart(6, '0')}`;
}

// ---- Names --------------------------------------------------------------------------------------
const FEATURES = {
  persona_basic_profiles: 'Persona profiles',
  persona_detail: 'Persona details',
  persona_modification: 'Persona edits',
  discussion_guide: 'Discussion guides',
  moderator: 'Moderator',
  persona_response: 'Persona responses',
  conversation_decision: 'Turn decisions',
  summary: 'Summaries',
  key_themes: 'Themes',
  image_description: 'Image descriptions',
};

/** A feature code's label; unknown codes are humanised rather than hidden. */
export function featureLabel(code) {
  return FEATURES[code] ?? (humanize(code) || 'Other');
}

// Object ids are Mongo ObjectIDs, whose leading digits are a timestamp shared by everything made in the same
// minute: the trailing digits tell two of them apart.
const shortId = (id) => id.slice(-6);

/**
 * An attributed object "kind:id" → {kind, id, label, href}: "persona:…" → "Persona a4e0b1" linking to its
 * profile, "task:…" → "Task a4e0d1", other kinds humanised; null → "Unattributed".
 */
export function usageObject(reference) {
  const at = typeof reference === 'string' ? reference.indexOf(':') : -1;
  if (at < 0) return { kind: null, id: null, label: 'Unattributed', href: null };
  const kind = reference.slice(0, at);
  const id = reference.slice(at + 1);
  const href = kind === 'persona' ? `/personas/${encodeURIComponent(id)}` : null;
  return { kind, id, label: `${humanize(kind) || 'Item'} ${shortId(id)}`, href };
}
