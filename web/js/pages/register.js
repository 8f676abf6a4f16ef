// Create an account: POST /api/auth/register, then POST /api/auth/login, then the dashboard.
// Registration answers the same for a new or an existing e-mail (no account enumeration), so an existing
// account shows up only when the sign-in step fails; the page then points the user to "Sign in".

import { register, signIn } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { navigate } from '../lib/router.js';
import {
  emailProblem,
  formAlert,
  newPasswordProblem,
  PASSWORD_MIN_LENGTH,
  showApiError,
  submitButton,
  textField,
  validate,
} from '../components/form.js';
import { showToast } from '../components/toast.js';

export const title = 'Create your account';

export function render({ params }) {
  const email = textField({
    label: 'Work e-mail',
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    inputmode: 'email',
    testid: 'register-email',
  });
  const password = textField({
    label: 'Password',
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    testid: 'register-password',
    hint: `At least ${PASSWORD_MIN_LENGTH} characters. A short phrase is easy to remember and hard to guess.`,
    revealable: true,
  });
  const alert = formAlert();
  const submit = submitButton({ label: 'Create account', pendingLabel: 'Creating your account…', testid: 'register-submit' });

  const prefill = params.get('email');
  if (prefill) email.input.value = prefill;

  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': 'register-heading', dataset: { testid: 'register-form' } },
    alert.element,
    email.element,
    password.element,
    submit.element,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hide();
    email.clearError();
    password.clearError();
    const invalid = validate([
      [email, emailProblem(email.input.value)],
      [password, newPasswordProblem(password.input.value)],
    ]);
    if (invalid) {
      invalid.focus();
      return;
    }

    const address = email.input.value.trim();
    submit.setPending(true);
    try {
      await register(address, password.input.value);
    } catch (error) {
      submit.setPending(false);
      (showApiError(error, { email, password }, alert) ?? email.input).focus();
      return;
    }
    try {
      await signIn(address, password.input.value);
    } catch (error) {
      submit.setPending(false);
      if (error.status === 401) alert.show(existingAccountMessage(address));
      else alert.show(error.message);
      email.input.focus();
      return;
    }
    navigate('/dashboard', { replace: true });
    showToast({ kind: 'success', title: 'Welcome to Cohorta', message: 'Your account is ready and your trial credits are in.' });
  });

  return h(
    'div',
    { class: 'auth-card' },
    h('h1', { id: 'register-heading', text: 'Create your account' }),
    h('p', { class: 'lede', text: 'Start with free trial credits. No card needed.' }),
    form,
    h(
      'p',
      { class: 'auth-switch' },
      'Already have an account? ',
      h('a', { href: '/login', text: 'Sign in instead' }),
      ' — registering the same e-mail again does not create a second account.',
    ),
  );
}

function existingAccountMessage(address) {
  return h(
    'p',
    {},
    'We could not sign you in with that password. If you already have an account for this e-mail, ',
    h('a', { href: `/login?email=${encodeURIComponent(address)}`, text: 'sign in instead' }),
    '.',
  );
}
