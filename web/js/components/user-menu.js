// The account menu in the top bar: a disclosure button that opens a panel with the user's e-mail, "Change
// password", "Sign out" and "Sign out everywhere". Escape or a click outside closes it.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

/** actions: { changePassword, signOut, signOutEverywhere }. Returns { element, setUser(user) }. */
export function userMenu(actions) {
  const avatar = h('span', { class: 'avatar', 'aria-hidden': 'true' });
  const emailLabel = h('span', { class: 'user-menu-email desktop-only' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'user-menu-button',
      'aria-expanded': 'false',
      'aria-controls': 'user-menu-panel',
      dataset: { testid: 'user-menu' },
    },
    avatar,
    emailLabel,
    icon('chevronDown'),
  );

  const panelAvatar = h('span', { class: 'avatar avatar-lg', 'aria-hidden': 'true' });
  const panelEmail = h('span', { class: 'email', dataset: { testid: 'user-email' } });
  const panelRole = h('span', { class: 'role' });
  const item = (label, iconName, action, { testid, danger = false } = {}) => {
    const control = h(
      'button',
      { type: 'button', class: danger ? 'menu-item menu-item--danger' : 'menu-item', dataset: testid ? { testid } : undefined },
      icon(iconName),
      label,
    );
    control.addEventListener('click', () => {
      close({ restoreFocus: false });
      action(button);
    });
    return h('li', {}, control);
  };

  const panel = h(
    'div',
    { id: 'user-menu-panel', class: 'popover', hidden: true },
    h('div', { class: 'popover-header' }, panelAvatar, h('span', { class: 'who' }, panelEmail, panelRole)),
    h(
      'ul',
      { class: 'menu-list', 'aria-label': 'Account' },
      item('Change password', 'lock', actions.changePassword, { testid: 'change-password' }),
      h('li', { class: 'menu-separator', role: 'presentation' }),
      item('Sign out', 'signOut', actions.signOut, { testid: 'sign-out' }),
      item('Sign out everywhere', 'devices', actions.signOutEverywhere, { testid: 'sign-out-everywhere', danger: true }),
    ),
  );

  const element = h('div', { class: 'user-menu' }, button, panel);

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', onOutsidePointer, true);
  }

  function close({ restoreFocus = true } = {}) {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutsidePointer, true);
    if (restoreFocus) button.focus();
  }

  function onOutsidePointer(event) {
    if (!element.contains(event.target)) close({ restoreFocus: false });
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation();
      close();
    }
  });
  element.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !element.contains(event.relatedTarget)) close({ restoreFocus: false });
  });

  return {
    element,
    setUser(user) {
      const email = user?.email ?? '';
      const initial = email.slice(0, 1) || '?';
      avatar.textContent = initial;
      panelAvatar.textContent = initial;
      emailLabel.textContent = email;
      panelEmail.textContent = email;
      panelRole.textContent = user?.role === 'admin' ? 'Administrator' : 'Researcher';
      button.setAttribute('aria-label', email ? `Account menu, signed in as ${email}` : 'Account menu');
    },
  };
}
