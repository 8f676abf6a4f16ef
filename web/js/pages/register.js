// Create an account: POST /api/auth/register, then POST /api/auth/login, then the dashboard.
// Registration answers the same for a new or an existing e-mail (no account enumeration), so an existing
// account shows up only when the sign-in step fails; the page then points the user to "Sign in".

import { register, signIn } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { navigate } from '../lib/router.js';
import { credentialsForm } from '../components/credentials-form.js';
import { newPasswordProblem, PASSWORD_MIN_LENGTH } from '../components/form.js';
import { showToast } from '../components/toast.js';

export const title = 'Create your account';

export function render({ params }) {
  // Set once registration has succeeded: a failure after that is the sign-in step's, for this address.
  let signingInAs = null;

  const form = credentialsForm({
    params,
    labelledBy: 'register-heading',
    testid: 'register-form',
    email: { label: 'Work e-mail', autocomplete: 'email', testid: 'register-email' },
    password: {
      autocomplete: 'new-password',
      testid: 'register-password',
      hint: `At least ${PASSWORD_MIN_LENGTH} characters. A short phrase is easy to remember and hard to guess.`,
      problem: newPasswordProblem,
    },
    submit: { label: 'Create account', pendingLabel: 'Creating your account…', testid: 'register-submit' },
    async action(address, password) {
      signingInAs = null;
      await register(address, password);
      signingInAs = address;
      await signIn(address, password);
      navigate('/dashboard', { replace: true });
      showToast({ kind: 'success', title: 'Welcome to Cohorta', message: 'Your account is ready and your trial credits are in.' });
    },
    onError(error, { email, alert, showApiError }) {
      if (!signingInAs) return showApiError(error) ?? email.input;
      alert.show(error.status === 401 ? existingAccountMessage(signingInAs) : error.message);
      return email.input;
    },
  });

  return h(
    'div',
    { class: 'auth-card' },
    h('h1', { id: 'register-heading', text: 'Create your account' }),
    h('p', { class: 'lede', text: 'Start with free trial credits. No card needed.' }),
    form.element,
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
