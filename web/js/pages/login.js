// Sign in: e-mail + password → POST /api/auth/login → the page in ?next= (or the dashboard).

import { signIn } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { navigate, safeNextPath } from '../lib/router.js';
import { credentialsForm } from '../components/credentials-form.js';

export const title = 'Sign in';

export function render({ params }) {
  const form = credentialsForm({
    params,
    labelledBy: 'login-heading',
    testid: 'login-form',
    email: { label: 'E-mail', autocomplete: 'username', testid: 'login-email' },
    password: {
      autocomplete: 'current-password',
      testid: 'login-password',
      problem: (value) => (value ? null : 'Enter your password.'),
    },
    submit: { label: 'Sign in', pendingLabel: 'Signing in…', testid: 'login-submit' },
    async action(address, password) {
      await signIn(address, password);
      navigate(safeNextPath(params.get('next')), { replace: true });
    },
    onError(error, { email, password, alert, showApiError }) {
      if (error.status === 429) {
        const wait = error.retryAfter ? ` Try again in ${waitText(error.retryAfter)}.` : '';
        alert.show(`Too many sign-in attempts.${wait}`);
      } else {
        showApiError(error);
      }
      password.input.select();
      return error.field === 'email' ? email.input : password.input;
    },
  });

  const registerHref = form.email.input.value ? `/register?email=${encodeURIComponent(form.email.input.value)}` : '/register';
  return h(
    'div',
    { class: 'auth-card' },
    h('h1', { id: 'login-heading', text: 'Sign in to Cohorta' }),
    h('p', { class: 'lede', text: 'Welcome back. Pick up your research where you left it.' }),
    form.element,
    h('p', { class: 'auth-switch' }, 'New to Cohorta? ', h('a', { href: registerHref, text: 'Create an account' })),
  );
}

function waitText(seconds) {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
