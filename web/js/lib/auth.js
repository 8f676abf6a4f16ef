// The signed-in user: the auth endpoints, the token lifecycle and a cached copy of the user.
// Listeners of the window event `user_changed` (detail: user or null) keep the shell in sync.

import { api } from './api.js';
import { clearToken, isTokenUsable, setToken } from './token.js';

let currentUser = null;

export function user() {
  return currentUser;
}

export function isSignedIn() {
  return isTokenUsable();
}

export function isAdmin() {
  return currentUser?.role === 'admin';
}

function setUser(next) {
  currentUser = next;
  window.dispatchEvent(new CustomEvent('user_changed', { detail: next }));
}

/** Fetches the user behind the stored token (GET /api/auth/me). */
export async function loadUser({ signal } = {}) {
  const { user: loaded } = await api('/api/auth/me', { signal });
  setUser(loaded);
  return loaded;
}

export async function signIn(email, password) {
  const session = await api('/api/auth/login', { method: 'POST', body: { email, password }, auth: false });
  setToken(session.token);
  setUser(session.user);
  return session.user;
}

/** Creates the account. The answer is the same whether or not the e-mail exists; the caller signs in next. */
export async function register(email, password) {
  return api('/api/auth/register', { method: 'POST', body: { email, password }, auth: false });
}

/** Changes the password; the server revokes older tokens and returns a fresh one, which replaces ours. */
export async function changePassword(currentPassword, newPassword) {
  const session = await api('/api/auth/password', {
    method: 'POST',
    body: { current_password: currentPassword, new_password: newPassword },
    redirectOn401: false,
  });
  setToken(session.token);
  setUser(session.user);
  return session.user;
}

/** Forgets the token on this device only. */
export function signOut() {
  clearToken();
  setUser(null);
}

/** Revokes every token of the user on the server (POST /api/auth/logout-all), then signs out here. */
export async function signOutEverywhere() {
  try {
    await api('/api/auth/logout-all', { method: 'POST', redirectOn401: false });
  } finally {
    signOut();
  }
}

/** Records a balance learnt from another endpoint (e.g. GET /api/credits) so the shell shows it too. */
export function updateBalance(balance) {
  if (currentUser && currentUser.credits_balance !== balance) setUser({ ...currentUser, credits_balance: balance });
}

/** Drops the cached user (the token is already gone, e.g. after a 401). */
export function forgetUser() {
  if (currentUser) setUser(null);
}
