// The main navigation list: links, the current page carrying aria-current="page". Admin is listed only for
// admins. The app shell wraps it in the <nav> landmark.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

const ITEMS = [
  { href: '/dashboard', label: 'Dashboard', icon: 'dashboard' },
  { href: '/personas', label: 'Synthetic Users', icon: 'users' },
  { href: '/focus-groups', label: 'Focus Groups', icon: 'groups' },
  { href: '/usage', label: 'My Usage', icon: 'usage', groupStart: true },
  { href: '/billing', label: 'Billing', icon: 'billing' },
  { href: '/admin', label: 'Admin', icon: 'admin', adminOnly: true, groupStart: true },
];

/** Returns { element (the list's wrapper), setCurrent(path), setAdmin(isAdmin) }. */
export function mainNav() {
  const links = new Map();
  const list = h('ul', { class: 'nav-list' });
  for (const item of ITEMS) {
    const link = h('a', { class: 'nav-link', href: item.href }, icon(item.icon), h('span', { text: item.label }));
    links.set(item.href, link);
    list.append(
      h('li', { class: item.groupStart ? 'nav-item nav-item--group-start' : 'nav-item', hidden: item.adminOnly }, link),
    );
  }
  const element = h('div', { class: 'sidebar-nav' }, list);

  return {
    element,
    setCurrent(path) {
      for (const [href, link] of links) {
        if (href === path) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
    setAdmin(isAdmin) {
      for (const item of ITEMS.filter((candidate) => candidate.adminOnly)) {
        links.get(item.href).parentElement.hidden = !isAdmin;
      }
    },
  };
}
