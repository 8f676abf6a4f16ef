// Admin (/admin, /admin/<tab>, /admin/users/<id>): operate Cohorta. Tabs for Users (search, a user's balance, usage,
// quota, role, access, credit adjustments and audit trail), Usage (every user's AI usage over a range, with CSV),
// Pricing (model prices by effective date), Analytics (signups, activity, revenue against LLM spend) and Credit
// settings (trial credits, costs, the default quota and the credit packs). The router opens it only for admins;
// the API refuses everyone else too.

import { h } from '../lib/dom.js';
import { adminTabs } from '../components/admin-tabs.js';
import { analyticsPanel } from '../components/admin-analytics.js';
import { pricingPanel } from '../components/admin-pricing.js';
import { settingsPanel } from '../components/admin-settings.js';
import { usagePanel } from '../components/admin-usage.js';
import { userView } from '../components/admin-user-view.js';
import { usersPanel } from '../components/admin-users.js';

export const title = 'Admin';

const TABS = [
  { key: 'users', label: 'Users', icon: 'users' },
  { key: 'usage', label: 'Usage', icon: 'usage' },
  { key: 'pricing', label: 'Pricing', icon: 'dollar' },
  { key: 'analytics', label: 'Analytics', icon: 'target' },
  { key: 'settings', label: 'Credit settings', icon: 'sliders' },
];

const PANELS = { users: usersPanel, usage: usagePanel, pricing: pricingPanel, analytics: analyticsPanel, settings: settingsPanel };

export function render({ id, other, params, signal }) {
  const first = PANELS[id] ? id : 'users';
  if (id && !PANELS[id]) window.history.replaceState(null, '', '/admin/users');
  let shown = null; // AbortController of the panel on screen: its requests stop when another tab replaces it
  let initial = true; // the first panel is the URL's: its query and the user in the path apply to it alone

  const tabs = adminTabs({
    tabs: TABS,
    current: first,
    onSelect: (key) => {
      shown?.abort();
      shown = new AbortController();
      signal.addEventListener('abort', () => shown.abort(), { once: true });
      const context = { signal: shown.signal, params: initial ? params : new URLSearchParams() };
      const userId = initial && key === 'users' ? other : null;
      initial = false;
      tabs.panel.replaceChildren(userId ? userView({ ...context, userId }) : PANELS[key](context));
    },
  });

  return h(
    'div',
    { class: 'admin-page' },
    h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: 'Admin' }), h('p', { class: 'lede', text: 'Operate Cohorta: users, usage, prices, analytics and credits.' }))),
    tabs.element,
  );
}
