// Admin › Users › one user (/admin/users/<id>): balance, personas, sessions, the last 30 days' AI usage and this
// month's quota; role and access; a credit adjustment with its reason; the monthly limit; the audit trail. Every
// change reloads the figures and the trail.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatNumber, formatUsd, plural } from '../lib/format.js';
import { getUser } from './admin-api.js';
import { auditCard } from './admin-audit.js';
import { creditForm } from './admin-credit-form.js';
import { quotaForm } from './admin-quota-form.js';
import { accessControls } from './admin-user-access.js';
import { userBadges } from './admin-users.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';
import { quotaMeter } from './quota-meter.js';

export function userView({ signal, userId }) {
  const body = h('div', { class: 'admin-user-body', 'aria-busy': 'true' }, h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })));
  const audit = auditCard({ userId, signal });
  const element = h('div', { class: 'admin-user' }, h('a', { class: 'admin-back', href: '/admin/users', dataset: { testid: 'admin-back' } }, icon('chevronLeft'), 'All users'), body, audit.element);

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      show(await getUser(userId, { signal }));
      audit.reload(); // after the read, which the trail records
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, h('div', { class: 'card' }, loadErrorState({ heading: error.status === 404 ? 'No such user' : 'The user could not be loaded', error, retry: load })));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  function show(user) {
    replaceChildren(
      body,
      h(
        'section',
        { class: 'card admin-card', 'aria-labelledby': 'admin-user-heading', dataset: { testid: 'admin-user', id: user.id } },
        h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-user-heading', class: 'admin-user-email' }, h('span', { dataset: { testid: 'admin-user-email' }, text: user.email }), ' ', userBadges(user)), h('p', { text: `Joined ${formatDateTime(user.created_at)}` })), accessControls({ user, onChanged: load })),
        h('div', { class: 'card-body' }, facts(user), user.disputed && h('p', { class: 'alert alert-warning', role: 'note' }, icon('warning'), 'A payment of this account is disputed at Stripe.')),
      ),
      h(
        'div',
        { class: 'admin-grid' },
        h('section', { class: 'card admin-card', 'aria-labelledby': 'admin-credits-heading' }, h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-credits-heading', text: 'Adjust credits' }), h('p', { text: 'Grant credits or take them back, with the reason.' }))), h('div', { class: 'card-body' }, creditForm({ userId: user.id, onAdjusted: load }))),
        h('section', { class: 'card admin-card', 'aria-labelledby': 'admin-quota-heading' }, h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-quota-heading', text: 'This month’s AI limit' }))), h('div', { class: 'card-body admin-stack' }, quotaMeter(user.quota, { testid: 'admin-quota' }), quotaForm({ userId: user.id, onSaved: load }))),
      ),
    );
  }

  load();
  return element;
}

function facts(user) {
  const fact = (label, value, testid) => h('div', { class: 'admin-fact' }, h('dt', { text: label }), h('dd', { dataset: { testid } }, value));
  const usage = user.usage_30d;
  return h(
    'dl',
    { class: 'admin-facts' },
    fact('Credit balance', formatNumber(user.credits_balance), 'admin-user-balance'),
    fact('Personas', formatNumber(user.personas ?? 0), 'admin-user-personas'),
    fact('Sessions', user.sessions === undefined ? '—' : formatNumber(user.sessions), 'admin-user-sessions'),
    fact('AI usage, 30 days', usage ? `${formatUsd(usage.cost_usd)} · ${plural(usage.calls, 'call')}` : '—', 'admin-user-usage'),
  );
}
