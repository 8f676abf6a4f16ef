// The audit trail card of the admin user view (GET /api/admin/audit?user_id=): what administrators did to this
// user, newest first, each action with its details (amount and reason, old → new, …). reload() loads it: the user
// view calls it after each read of the user (which the trail records) and after each change.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { humanize } from './persona-api.js';
import { auditLog } from './admin-api.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';

const PER_PAGE = 10;

const ACTIONS = {
  adjust_credits: 'Credits adjusted',
  set_quota: 'Quota set',
  change_role: 'Role changed',
  disable_user: 'Disabled',
  enable_user: 'Enabled',
  view_user: 'Viewed',
  set_price: 'Price set',
  update_settings: 'Settings changed',
  view_usage: 'Usage viewed',
  export_usage: 'Usage exported',
  view_analytics: 'Analytics viewed',
};

export const auditActionLabel = (action) => ACTIONS[action] ?? (humanize(action) || 'Action');

/** "amount: 50 · reason: Conference bonus" (ids left out: they mean nothing to a reader). */
function detailsText(details = {}) {
  return Object.entries(details)
    .filter(([key]) => !key.endsWith('_id'))
    .map(([key, value]) => `${humanize(key)}: ${value}`)
    .join(' · ');
}

export function auditCard({ userId, signal }) {
  const body = h('div', {});
  const element = h(
    'section',
    { class: 'card admin-card', 'aria-labelledby': 'admin-audit-heading', dataset: { testid: 'admin-audit' } },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-audit-heading', text: 'Audit trail' }), h('p', { text: 'What administrators did to this account, newest first.' }))),
    body,
  );

  async function load() {
    element.setAttribute('aria-busy', 'true');
    try {
      const { items } = await auditLog({ userId, perPage: PER_PAGE }, { signal });
      replaceChildren(body, items.length ? list(items) : h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('history')), h('h3', { text: 'No administrator actions yet' })));
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, loadErrorState({ heading: 'The audit trail could not be loaded', error, retry: load, headingLevel: 'h3' }));
    } finally {
      element.setAttribute('aria-busy', 'false');
    }
  }

  return { element, reload: load };
}

function list(entries) {
  return h(
    'ol',
    { class: 'admin-audit-list' },
    entries.map((entry) =>
      h(
        'li',
        { class: 'admin-audit-entry', dataset: { testid: 'admin-audit-entry', action: entry.action } },
        h('span', { class: 'admin-audit-action', text: auditActionLabel(entry.action) }),
        h('span', { class: 'admin-audit-details', dataset: { testid: 'admin-audit-details' }, text: detailsText(entry.details) }),
        h('time', { class: 'admin-audit-time', datetime: entry.at, text: formatDateTime(entry.at) }),
      ),
    ),
  );
}
