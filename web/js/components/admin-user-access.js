// A user's role and access (PATCH /api/admin/users/:id): make admin / make user, disable / enable. Each asks first;
// disabling signs the user out everywhere at once. The API refuses an admin's change to their own account (409),
// which shows as a toast; on their own account the controls give way to a note. onChanged(user) with the user after
// the change.

import { user as signedInUser } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { confirmDialog } from './dialog.js';
import { setBusy } from './form.js';
import { icon } from './icon.js';
import { updateUser } from './admin-api.js';
import { showToast } from './toast.js';

function question(user, change) {
  if ('role' in change) {
    return change.role === 'admin'
      ? { title: `Make ${user.email} an administrator?`, message: 'They will see the Admin area: every user, usage, prices and settings.', confirmLabel: 'Make admin' }
      : { title: `Remove ${user.email}’s admin rights?`, message: 'They keep their account and work, without the Admin area.', confirmLabel: 'Make user' };
  }
  return change.disabled
    ? { title: `Disable ${user.email}?`, message: 'They are signed out everywhere at once and cannot sign in until enabled again. Their work is kept.', confirmLabel: 'Disable account', danger: true }
    : { title: `Enable ${user.email}?`, message: 'They can sign in again with their password.', confirmLabel: 'Enable account' };
}

export function accessControls({ user, onChanged }) {
  if (user.id === signedInUser()?.id) {
    return h('p', { class: 'admin-access-note', dataset: { testid: 'admin-access-self' } }, 'Your own account: another administrator can change its role or access.');
  }
  const role = h('button', { type: 'button', class: 'btn btn-secondary', dataset: { testid: 'admin-role-toggle' } }, icon('admin'), user.role === 'admin' ? 'Make user' : 'Make admin');
  const access = h('button', { type: 'button', class: user.disabled ? 'btn btn-secondary' : 'btn btn-secondary btn-danger-text', dataset: { testid: 'admin-access-toggle' } }, icon(user.disabled ? 'check' : 'lock'), user.disabled ? 'Enable account' : 'Disable account');

  async function change(button, body) {
    if (!(await confirmDialog({ ...question(user, body), returnFocusTo: button, testid: 'admin-confirm' }))) return;
    setBusy(button, true);
    try {
      const updated = await updateUser(user.id, body);
      showToast({ kind: 'success', message: 'role' in body ? `${updated.email} is now ${updated.role === 'admin' ? 'an administrator' : 'a user'}.` : `${updated.email} is ${updated.disabled ? 'disabled' : 'enabled'}.` });
      onChanged(updated);
    } catch (error) {
      setBusy(button, false);
      showToast({ kind: 'error', title: 'The change was not made', message: error.message });
      button.focus();
    }
  }

  role.addEventListener('click', () => change(role, { role: user.role === 'admin' ? 'user' : 'admin' }));
  access.addEventListener('click', () => change(access, { disabled: !user.disabled }));
  return h('div', { class: 'admin-access', role: 'group', 'aria-label': 'Role and access' }, role, access);
}
