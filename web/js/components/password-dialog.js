// "Change password": POST /api/auth/password. The server revokes older tokens and returns a new one, which
// auth.changePassword stores, so this tab stays signed in while other devices are signed out.

import { changePassword, user } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { openDialog } from './dialog.js';
import { formAlert, handleSubmit, newPasswordProblem, PASSWORD_MIN_LENGTH, showApiError, submitButton, textField } from './form.js';
import { showToast } from './toast.js';

export function openPasswordDialog(returnFocusTo) {
  const current = textField({
    label: 'Current password',
    name: 'current_password',
    type: 'password',
    autocomplete: 'current-password',
    testid: 'current-password',
    revealable: true,
  });
  const next = textField({
    label: 'New password',
    name: 'new_password',
    type: 'password',
    autocomplete: 'new-password',
    testid: 'new-password',
    hint: `At least ${PASSWORD_MIN_LENGTH} characters.`,
    revealable: true,
  });
  const alert = formAlert();
  const submit = submitButton({ label: 'Change password', pendingLabel: 'Saving…', testid: 'change-password-submit', variant: 'btn-primary' });
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: 'Cancel' });

  const form = h(
    'form',
    { class: 'dialog-body', novalidate: true },
    h(
      'div',
      {},
      h('h2', { id: 'password-title', text: 'Change password' }),
      h('p', { id: 'password-note', class: 'lede', text: 'Other devices will be signed out. You stay signed in here.' }),
    ),
    // Lets password managers pair the new password with the account (hidden, not focusable).
    h('input', { type: 'email', name: 'username', autocomplete: 'username', value: user()?.email ?? '', hidden: true, readonly: true }),
    alert.element,
    current.element,
    next.element,
    h('div', { class: 'dialog-actions' }, cancel, submit.element),
  );

  const { close } = openDialog({ labelledBy: 'password-title', describedBy: 'password-note', content: form, returnFocusTo });
  cancel.addEventListener('click', close);
  current.input.focus();

  handleSubmit(form, {
    alert,
    submit,
    checks: () => [
      [current, current.input.value ? null : 'Enter your current password.'],
      [next, newPasswordProblem(next.input.value) ?? (next.input.value === current.input.value ? 'Choose a password different from the current one.' : null)],
    ],
    async action() {
      await changePassword(current.input.value, next.input.value);
      close();
      showToast({ kind: 'success', title: 'Password changed', message: 'Other devices have been signed out.' });
    },
    onError(error) {
      if (error.status === 401 && !error.field) {
        current.setError(error.message);
        return current.input;
      }
      return showApiError(error, { current_password: current, new_password: next }, alert) ?? current.input;
    },
  });
}
