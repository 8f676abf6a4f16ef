// Sign in: e-mail + password → POST /api/auth/login → the page in ?next= (or the dashboard).

import { signIn } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { navigate, safeNextPath } from '../lib/router.js';
import { emailProblem, formAlert, showApiError, submitButton, textField, validate } from '../components/form.js';

export const title = 'Sign in';

export function render({ params }) {
  const email = textField({
    label: 'E-mail',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    inputmode: 'email',
    testid: 'login-email',
  });
  const password = textField({
    label: 'Password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    testid: 'login-password',
    revealable: true,
  });
  const alert = formAlert();
  const submit = submitButton({ label: 'Sign in', pendingLabel: 'Signing in…', testid: 'login-submit' });

  const prefill = params.get('email');
  if (prefill) email.input.value = prefill;

  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': 'login-heading', dataset: { testid: 'login-form' } },
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
      [password, password.input.value ? null : 'Enter your password.'],
    ]);
    if (invalid) {
      invalid.focus();
      return;
    }

    submit.setPending(true);
    try {
      await signIn(email.input.value.trim(), password.input.value);
      navigate(safeNextPath(params.get('next')), { replace: true });
    } catch (error) {
      submit.setPending(false);
      if (error.status === 429) {
        const wait = error.retryAfter ? ` Try again in ${waitText(error.retryAfter)}.` : '';
        alert.show(`Too many sign-in attempts.${wait}`);
      } else {
        showApiError(error, { email, password }, alert);
      }
      password.input.select();
      (error.field === 'email' ? email.input : password.input).focus();
    }
  });

  const registerHref = email.input.value ? `/register?email=${encodeURIComponent(email.input.value)}` : '/register';
  return h(
    'div',
    { class: 'auth-card' },
    h('h1', { id: 'login-heading', text: 'Sign in to Cohorta' }),
    h('p', { class: 'lede', text: 'Welcome back. Pick up your research where you left it.' }),
    form,
    h('p', { class: 'auth-switch' }, 'New to Cohorta? ', h('a', { href: registerHref, text: 'Create an account' })),
  );
}

function waitText(seconds) {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
