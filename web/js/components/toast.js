// Accessible toasts. Two live regions exist from page load (index.html): polite (role=status) for info and
// success, assertive (role=alert) for errors and warnings. Toasts auto-hide unless persistent; hovering or
// focusing one pauses its timer; every toast has a dismiss button.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

const DEFAULT_TIMEOUT_MS = 6000;
const active = new Map(); // key → dismiss function, so a repeated toast replaces the previous one

/**
 * Shows a toast. kind: 'info' | 'success' | 'warning' | 'error'.
 * options: title, message, persistent (no auto-hide), timeout (ms), action { label, href }, key (dedupe).
 * Returns a function that dismisses it.
 */
export function showToast({ kind = 'info', title, message, persistent = false, timeout = DEFAULT_TIMEOUT_MS, action, key }) {
  if (key && active.has(key)) active.get(key)();

  const urgent = kind === 'error' || kind === 'warning';
  const region = document.getElementById(urgent ? 'toast-alerts' : 'toast-status');
  if (!region) return () => {};

  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification' }, icon('close'));
  const toast = h(
    'div',
    { class: `toast toast--${kind}`, dataset: { testid: 'toast' } },
    icon(kind === 'success' ? 'success' : kind === 'error' ? 'error' : kind === 'warning' ? 'warning' : 'info'),
    h(
      'div',
      { class: 'toast-body' },
      title && h('p', { class: 'toast-title', text: title }),
      message && h('p', { class: 'toast-message', text: message }),
      action && h('a', { class: 'toast-action', href: action.href, text: action.label }),
    ),
    close,
  );

  let timer = null;
  let remaining = timeout;
  let startedAt = 0;
  const start = () => {
    if (persistent) return;
    startedAt = Date.now();
    timer = window.setTimeout(dismiss, remaining);
  };
  const pause = () => {
    if (timer === null) return;
    window.clearTimeout(timer);
    timer = null;
    remaining = Math.max(1500, remaining - (Date.now() - startedAt));
  };

  function dismiss() {
    pause();
    if (key && active.get(key) === dismiss) active.delete(key);
    const hadFocus = toast.contains(document.activeElement);
    toast.remove();
    if (hadFocus) document.getElementById('main')?.focus({ preventScroll: true });
  }

  close.addEventListener('click', dismiss);
  toast.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('.toast-action')) dismiss();
  });
  toast.addEventListener('mouseenter', pause);
  toast.addEventListener('mouseleave', start);
  toast.addEventListener('focusin', pause);
  toast.addEventListener('focusout', (event) => {
    if (!toast.contains(event.relatedTarget)) start();
  });
  toast.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') dismiss();
  });

  region.append(toast);
  if (key) active.set(key, dismiss);
  start();
  return dismiss;
}

/** Removes every toast (used when the session ends). */
export function clearToasts() {
  for (const dismiss of [...active.values()]) dismiss();
  for (const id of ['toast-alerts', 'toast-status']) document.getElementById(id)?.replaceChildren();
}
