// Dashboard: the credit balance front and centre, next steps, and the credit history (GET /api/credits).

import { updateBalance, user } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { formatDateTime, formatSignedCredits, ledgerKindLabel } from '../lib/format.js';
import { creditHistory } from '../components/credit-history.js';
import { icon } from '../components/icon.js';

export const title = 'Dashboard';

export function render({ signal }) {
  const me = user();
  const balance = h('span', { class: 'balance-value', dataset: { testid: 'credit-balance' } });
  if (typeof me?.credits_balance === 'number') balance.textContent = String(me.credits_balance);
  else balance.append(h('span', { class: 'skeleton', 'aria-hidden': 'true' }));

  const lastChange = h('p', { class: 'balance-meta', hidden: true });
  const history = creditHistory({
    signal,
    onLoad: (data) => {
      balance.replaceChildren(String(data.balance));
      updateBalance(data.balance);
      if (data.page === 1) showLastChange(lastChange, data.items[0]);
    },
  });

  return h(
    'div',
    { class: 'dashboard' },
    h(
      'header',
      { class: 'page-header' },
      h(
        'div',
        {},
        h('h1', { text: 'Dashboard' }),
        h('p', { class: 'lede', text: me?.email ? `Signed in as ${me.email}` : 'Your workspace at a glance.' }),
      ),
    ),
    h(
      'div',
      { class: 'dashboard-grid' },
      balanceCard(balance, lastChange),
      nextSteps(),
    ),
    history.element,
  );
}

function showLastChange(element, entry) {
  element.hidden = !entry;
  if (!entry) return;
  element.replaceChildren(
    'Last change ',
    h('span', { class: entry.amount < 0 ? 'amount amount--debit' : 'amount amount--credit', text: formatSignedCredits(entry.amount) }),
    ` · ${ledgerKindLabel(entry.kind)} · `,
    h('time', { datetime: entry.created_at, text: formatDateTime(entry.created_at) }),
  );
}

function balanceCard(balance, lastChange) {
  return h(
    'section',
    { class: 'card balance-card', 'aria-labelledby': 'balance-heading' },
    h(
      'div',
      { class: 'card-body' },
      h('h2', { id: 'balance-heading', class: 'eyebrow', text: 'Credit balance' }),
      h('p', { class: 'balance' }, balance, h('span', { class: 'balance-unit', text: 'credits' })),
      lastChange,
      h('p', { class: 'balance-note', text: 'Credits pay for generating synthetic users and running focus groups.' }),
      h(
        'div',
        { class: 'balance-actions' },
        h('a', { class: 'btn btn-primary', href: '/billing' }, icon('coins'), 'Buy credits'),
        h('a', { class: 'btn btn-secondary', href: '/usage', text: 'View usage' }),
      ),
    ),
  );
}

function nextSteps() {
  const step = (href, iconName, name, text) =>
    h(
      'li',
      {},
      h(
        'a',
        { class: 'step', href },
        h('span', { class: 'step-icon' }, icon(iconName)),
        h('span', { class: 'step-text' }, h('strong', { text: name }), h('span', { text })),
        icon('arrowRight', 'icon step-arrow'),
      ),
    );
  return h(
    'section',
    { class: 'card steps-card', 'aria-labelledby': 'steps-heading' },
    h('div', { class: 'card-header' }, h('h2', { id: 'steps-heading', text: 'Get started' })),
    h(
      'ul',
      { class: 'steps' },
      step('/personas', 'users', 'Build a panel', 'Generate synthetic users from an audience brief or your customer data.'),
      step('/focus-groups', 'groups', 'Run a focus group', 'Set an objective, add a stimulus and let the AI moderator lead.'),
      step('/usage', 'usage', 'Keep an eye on cost', 'See what each run used and where your credits went.'),
    ),
  );
}
