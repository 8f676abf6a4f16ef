// Cohorta web app entry: route table, access guards, layout mounting, focus management and app-wide events.

import { forgetUser, isAdmin, isSignedIn, loadUser, signOut, signOutEverywhere, user } from './lib/auth.js';
import { startRouter, navigate, safeNextPath } from './lib/router.js';
import { clearToken, isTokenUsable, watchTokenFromOtherTabs } from './lib/token.js';
import { h } from './lib/dom.js';
import { createAppShell } from './components/app-shell.js';
import { createAuthLayout } from './components/auth-layout.js';
import { confirmDialog } from './components/dialog.js';
import { icon } from './components/icon.js';
import { openPasswordDialog } from './components/password-dialog.js';
import { paymentRequiredDialog } from './components/payment-required.js';
import { clearToasts, showToast } from './components/toast.js';
import * as admin from './pages/admin.js';
import * as billing from './pages/billing.js';
import * as dashboard from './pages/dashboard.js';
import * as focusGroup from './pages/focus-group.js';
import * as focusGroupEdit from './pages/focus-group-edit.js';
import * as focusGroups from './pages/focus-groups.js';
import * as login from './pages/login.js';
import * as notFound from './pages/not-found.js';
import * as persona from './pages/persona.js';
import * as personas from './pages/personas.js';
import * as register from './pages/register.js';
import * as session from './pages/session.js';
import * as sessionCompare from './pages/session-compare.js';
import * as usage from './pages/usage.js';

// access: 'guest' (signed-out only), 'user' (any signed-in user), 'admin'.
const ROUTES = {
  '/login': { page: login, access: 'guest' },
  '/register': { page: register, access: 'guest' },
  '/dashboard': { page: dashboard, access: 'user' },
  '/personas': { page: personas, access: 'user' },
  '/focus-groups': { page: focusGroups, access: 'user' },
  '/focus-groups/new': { page: focusGroupEdit, access: 'user', nav: '/focus-groups' },
  '/usage': { page: usage, access: 'user' },
  '/billing': { page: billing, access: 'user' },
  '/admin': { page: admin, access: 'admin' },
};

// Paths with ids: the captures reach the page as `id` (and `other`); `nav` is the main-navigation entry to highlight.
const PATTERN_ROUTES = [
  [/^\/personas\/([^/]+)$/, { page: persona, access: 'user', nav: '/personas' }],
  [/^\/focus-groups\/([^/]+)\/edit$/, { page: focusGroupEdit, access: 'user', nav: '/focus-groups' }],
  [/^\/focus-groups\/([^/]+)$/, { page: focusGroup, access: 'user', nav: '/focus-groups' }],
  [/^\/sessions\/([^/]+)\/compare\/([^/]+)$/, { page: sessionCompare, access: 'user', nav: '/focus-groups' }],
  [/^\/sessions\/([^/]+)$/, { page: session, access: 'user', nav: '/focus-groups' }],
  [/^\/admin\/([a-z]+)(?:\/([^/]+))?$/, { page: admin, access: 'admin', nav: '/admin' }], // a tab (and a user)
];

function findRoute(path) {
  if (ROUTES[path]) return { entry: ROUTES[path] };
  for (const [pattern, entry] of PATTERN_ROUTES) {
    const match = pattern.exec(path);
    if (match) return { entry, id: decodeURIComponent(match[1]), other: match[2] && decodeURIComponent(match[2]) };
  }
  return { entry: undefined };
}

const root = document.getElementById('app');
let layout = null; // the mounted frame: createAppShell() or createAuthLayout()
let navigation = null; // AbortController of the page being shown; aborted when the user moves on
let isFirstRender = true;

async function route({ path, params }) {
  navigation?.abort();
  const controller = new AbortController();
  navigation = controller;
  const signal = controller.signal;

  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (normalized === '/' || normalized === '/index.html') {
    navigate(isSignedIn() ? '/dashboard' : '/login', { replace: true });
    return;
  }

  const { entry, id, other } = findRoute(normalized);
  const signedIn = isSignedIn();
  if (entry?.access === 'guest' && signedIn) {
    navigate(safeNextPath(params.get('next')), { replace: true });
    return;
  }
  if (!entry && !signedIn) {
    show('auth', notFound, { params, signal }, normalized);
    return;
  }
  if (entry?.access !== 'guest' && !signedIn) {
    clearToken();
    forgetUser();
    navigate(`/login?next=${encodeURIComponent(path + window.location.search)}`, { replace: true });
    return;
  }
  if (entry?.access === 'guest') {
    show('auth', entry.page, { params, signal }, normalized);
    return;
  }

  if (!user()) {
    try {
      await loadUser({ signal });
    } catch (error) {
      if (signal.aborted || error.name === 'AbortError' || error.status === 401) return; // 401: api.js redirected
      showUnavailable(error, { path, params });
      return;
    }
    if (signal.aborted) return;
  }

  if (!entry) show('app', notFound, { params, signal }, normalized);
  else if (entry.access === 'admin' && !isAdmin()) show('app', notFound, { params, signal, forbidden: true }, normalized);
  else show('app', entry.page, { params, signal, id, other }, entry.nav ?? normalized);
}

/** Mounts the layout if needed, renders the page into <main>, updates the title and moves focus to the h1. */
function show(kind, page, context, path) {
  const frame = mountLayout(kind);
  frame.main.replaceChildren(page.render(context));
  frame.setPath?.(path);
  document.title = `${context.forbidden ? 'No access' : page.title} · Cohorta`;
  if (!isFirstRender) {
    window.scrollTo(0, 0);
    focusHeading();
  }
  isFirstRender = false;
}

function mountLayout(kind) {
  if (layout?.kind === kind) return layout;
  layout = kind === 'app' ? createAppShell(ACCOUNT_ACTIONS) : createAuthLayout();
  root.replaceChildren(layout.element);
  layout.setUser?.(user());
  return layout;
}

function focusHeading() {
  const main = document.getElementById('main');
  const heading = main?.querySelector('h1');
  const target = heading ?? main;
  if (!target) return;
  target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

function showUnavailable(error, location) {
  const retry = h('button', { type: 'button', class: 'btn btn-primary' }, icon('refresh'), 'Try again');
  retry.addEventListener('click', () => route(location));
  const frame = mountLayout('auth');
  frame.main.replaceChildren(
    h(
      'div',
      { class: 'auth-card' },
      h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('warning')), h('h1', { text: 'Cohorta is not responding' }), h('p', { text: error.message }), h('div', { class: 'actions' }, retry)),
    ),
  );
  document.title = 'Unavailable · Cohorta';
  focusHeading();
}

// ---- Account actions (user menu) ------------------------------------------------------------------

const ACCOUNT_ACTIONS = {
  changePassword: (trigger) => openPasswordDialog(trigger),
  signOut: () => {
    signOut();
    clearToasts();
    navigate('/login');
    showToast({ kind: 'success', message: 'You have been signed out.', key: 'session' });
  },
  signOutEverywhere: async (trigger) => {
    const confirmed = await confirmDialog({
      title: 'Sign out everywhere?',
      message: 'You will be signed out on every device and browser, including this one.',
      confirmLabel: 'Sign out everywhere',
      danger: true,
      returnFocusTo: trigger,
    });
    if (!confirmed) return;
    try {
      await signOutEverywhere();
    } catch (error) {
      showToast({ kind: 'error', title: 'Could not sign out other devices', message: error.message });
      return;
    }
    clearToasts();
    navigate('/login');
    showToast({ kind: 'success', message: 'You have been signed out on all devices.', key: 'session' });
  },
};

// ---- App-wide events ------------------------------------------------------------------------------

window.addEventListener('user_changed', (event) => layout?.setUser?.(event.detail));

window.addEventListener('session_ended', () => {
  forgetUser();
  showToast({ kind: 'info', message: 'Your session has ended. Please sign in again.', key: 'session' });
});

// Any 402 the calling code does not explain itself: the dialog with the way out (buy credits, or wait for the month).
window.addEventListener('quota_exceeded', (event) => paymentRequiredDialog(event.detail ?? {}));

// Another tab signed in or out: re-run the guards for the current page with the new token.
watchTokenFromOtherTabs((token) => {
  forgetUser();
  const here = window.location.pathname + window.location.search;
  const onGuestPage = ROUTES[window.location.pathname]?.access === 'guest';
  navigate(isTokenUsable(token) || onGuestPage ? here : `/login?next=${encodeURIComponent(here)}`, { replace: true });
});

document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('.skip-link')) return;
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
});

startRouter(route);
