// The Admin area's tabs (WAI-ARIA tabs with automatic activation): a tablist of buttons, one tabpanel. Arrow keys,
// Home and End move between tabs; the chosen tab's path (/admin/<key>) goes into the history, so each tab can be
// linked to and Back returns to the previous one (the router then renders the page afresh).

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

/**
 * tabs: [{key, label, icon}]; current: the key shown first; onSelect(key) renders the panel's content (the caller
 * fills `panel`). Returns {element, panel, select(key, {push})}.
 */
export function adminTabs({ tabs, current, onSelect }) {
  const panel = h('div', { class: 'admin-panel', role: 'tabpanel', id: 'admin-panel', tabindex: '0', dataset: { testid: 'admin-panel' } });
  const buttons = tabs.map((tab) => {
    const button = h('button', { type: 'button', role: 'tab', id: `admin-tab-${tab.key}`, class: 'admin-tab', 'aria-controls': 'admin-panel', dataset: { testid: 'admin-tab', tab: tab.key } }, icon(tab.icon), h('span', { text: tab.label }));
    button.addEventListener('click', () => select(tab.key, { push: true }));
    return button;
  });
  const list = h('div', { class: 'admin-tablist', role: 'tablist', 'aria-label': 'Admin sections' }, buttons);
  list.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length];
    target.focus();
    select(target.dataset.tab, { push: true });
  });

  function select(key, { push = false } = {}) {
    for (const button of buttons) {
      const chosen = button.dataset.tab === key;
      button.setAttribute('aria-selected', String(chosen));
      button.tabIndex = chosen ? 0 : -1;
      if (chosen) panel.setAttribute('aria-labelledby', button.id);
    }
    const path = `/admin/${key}`;
    const here = window.location.pathname;
    if (push && here !== path) window.history.pushState(null, '', path);
    else if (!push && here !== path && !here.startsWith(`${path}/`)) window.history.replaceState(null, '', path + window.location.search); // /admin → /admin/users
    onSelect(key);
  }

  const element = h('div', { class: 'admin-tabs' }, list, panel);
  queueMicrotask(() => select(current));
  return { element, panel, select };
}
