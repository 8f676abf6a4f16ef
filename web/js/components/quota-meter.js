// This month's AI-spend quota (the `quota` object of GET /api/usage/me and GET /api/quota/me): spent of limit as
// words and a <meter> (amber from 80 %, red from 95 %), and when the month resets. Amounts are the API's exact
// decimal strings; only the meter's position uses floating point.

import { h } from '../lib/dom.js';
import { formatDay, formatPercent, formatUsd } from '../lib/format.js';

/** "2026-12-01T00:00:00Z" → "Dec 1, 2026" (the UTC day: quotas count UTC calendar months). */
export function resetDay(resetsAt) {
  const time = Date.parse(resetsAt ?? '');
  return Number.isFinite(time) ? formatDay(new Date(time).toISOString().slice(0, 10), { year: true }) : '';
}

/** Whether the month's spend has reached the limit. */
export function quotaReached(quota) {
  const limit = Number.parseFloat(quota?.limit_usd);
  return Number.isFinite(limit) && Number.parseFloat(quota.spent_usd) >= limit;
}

/** The quota block; testid prefixes its parts ("<testid>-spent", "-limit", "-meter", "-resets"). */
export function quotaMeter(quota, { testid = 'quota' } = {}) {
  const limit = Number.parseFloat(quota.limit_usd);
  const spent = Math.max(0, Number.parseFloat(quota.spent_usd) || 0);
  const resets = resetDay(quota.resets_at);
  const resetsLine = resets && h('span', { class: 'quota-resets' }, 'Resets on ', h('time', { datetime: quota.resets_at, dataset: { testid: `${testid}-resets` }, text: resets }), ' (UTC).');

  if (!Number.isFinite(limit)) {
    return h(
      'div',
      { class: 'quota', dataset: { testid } },
      h('p', { class: 'quota-figures' }, h('strong', { dataset: { testid: `${testid}-spent` }, text: formatUsd(quota.spent_usd) }), ' spent this month. Your account has no monthly limit.'),
    );
  }

  const fraction = limit > 0 ? Math.min(1, spent / limit) : 1;
  const labelId = `${testid}-label`;
  return h(
    'div',
    { class: quotaReached(quota) ? 'quota quota--reached' : 'quota', dataset: { testid } },
    h(
      'p',
      { id: labelId, class: 'quota-figures' },
      h('strong', { dataset: { testid: `${testid}-spent`, usd: quota.spent_usd }, text: formatUsd(quota.spent_usd, { places: 2 }) }),
      ' of ',
      h('span', { dataset: { testid: `${testid}-limit`, usd: quota.limit_usd }, text: formatUsd(quota.limit_usd, { places: 2 }) }),
      ' used',
      h('span', { class: 'quota-percent', text: formatPercent(fraction) }),
    ),
    h('meter', {
      class: 'quota-meter',
      min: '0',
      max: String(limit > 0 ? limit : 1),
      low: String(limit * 0.8),
      high: String(limit * 0.95),
      optimum: '0',
      value: String(limit > 0 ? Math.min(spent, limit) : 1),
      'aria-labelledby': labelId,
      dataset: { testid: `${testid}-meter` },
    }),
    h('p', { class: 'quota-note' }, quotaReached(quota) ? 'The limit is reached: AI work is paused until the month resets. ' : [formatUsd(quota.remaining_usd, { places: 2 }), ' left this month. '], resetsLine),
  );
}
