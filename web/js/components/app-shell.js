// The signed-in frame: sidebar (a drawer below 960 px), top bar with the live-updates indicator, credits and the
// account menu, and <main>. Creating it starts the tab's live socket; the balance it reports reaches the credits pill.

import { updateBalance } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { liveSocket } from '../lib/live-socket.js';
import { connectionIndicator } from './connection-indicator.js';
import { mountDevBanner } from './dev-banner.js';
import { brandMark, icon } from './icon.js';
import { mainNav } from './nav.js';
import { userMenu } from './user-menu.js';

let followingBalance = false;

/** actions: { changePassword, signOut, signOutEverywhere }. Returns { kind, element, main, setPath, setUser }. */
export function createAppShell(actions) {
  if (!followingBalance) {
    followingBalance = true;
    liveSocket.onPrivate('balance.changed', (frame) => typeof frame.credits_balance === 'number' && updateBalance(frame.credits_balance));
  }
  liveSocket.start();
  const indicator = connectionIndicator();
  const nav = mainNav();
  const menu = userMenu(actions);
  const credits = h('span', {});
  const creditsPill = h(
    'a',
    { class: 'credits-pill', href: '/billing', hidden: true },
    icon('coins'),
    credits,
    h('span', { class: 'credits-pill-unit', text: ' credits' }),
  );

  const drawerToggle = h(
    'button',
    { type: 'button', class: 'btn btn-ghost btn-icon mobile-only', 'aria-controls': 'sidebar', 'aria-expanded': 'false', 'aria-label': 'Open navigation' },
    icon('menu'),
  );
  const drawerClose = h(
    'button',
    { type: 'button', class: 'btn btn-ghost btn-icon sidebar-close', 'aria-label': 'Close navigation' },
    icon('close'),
  );
  const backdrop = h('div', { class: 'drawer-backdrop', hidden: true });

  const brand = () => h('a', { class: 'brand', href: '/dashboard' }, brandMark(), 'Cohorta');
  const sidebar = h(
    'nav',
    { id: 'sidebar', class: 'sidebar', 'aria-label': 'Main' },
    h('div', { class: 'sidebar-header' }, brand(), drawerClose),
    nav.element,
    h('p', { class: 'sidebar-footer', text: 'Everything Cohorta generates is synthetic data.' }),
  );

  const bannerSlot = h('div', { class: 'banner-slot' });
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const element = h(
    'div',
    { class: 'app-shell' },
    sidebar,
    backdrop,
    bannerSlot,
    h('header', { class: 'topbar' }, drawerToggle, h('span', { class: 'mobile-only' }, brand()), h('span', { class: 'topbar-spacer' }), indicator.element, creditsPill, menu.element),
    main,
  );

  function openDrawer() {
    sidebar.classList.add('is-open');
    backdrop.hidden = false;
    drawerToggle.setAttribute('aria-expanded', 'true');
    (sidebar.querySelector('[aria-current="page"]') ?? sidebar.querySelector('a'))?.focus();
  }

  function closeDrawer({ restoreFocus = false } = {}) {
    if (!sidebar.classList.contains('is-open')) return;
    sidebar.classList.remove('is-open');
    backdrop.hidden = true;
    drawerToggle.setAttribute('aria-expanded', 'false');
    if (restoreFocus) drawerToggle.focus();
  }

  drawerToggle.addEventListener('click', openDrawer);
  drawerClose.addEventListener('click', () => closeDrawer({ restoreFocus: true }));
  backdrop.addEventListener('click', () => closeDrawer({ restoreFocus: true }));
  sidebar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDrawer({ restoreFocus: true });
  });

  mountDevBanner(bannerSlot);

  return {
    kind: 'app',
    element,
    main,
    setPath(path) {
      nav.setCurrent(path);
      closeDrawer();
    },
    setUser(user) {
      menu.setUser(user);
      nav.setAdmin(user?.role === 'admin');
      const hasBalance = typeof user?.credits_balance === 'number';
      creditsPill.hidden = !hasBalance;
      if (hasBalance) {
        credits.textContent = formatNumber(user.credits_balance);
        creditsPill.setAttribute('aria-label', `${formatNumber(user.credits_balance)} credits, buy more`);
      }
    },
  };
}
