// History-API routing. The server answers every app path with index.html (nginx try_files), so links are plain
// <a href="/path"> and this module turns same-origin clicks into pushState navigations.

let onNavigate = null;

/** Starts routing: `handler({ path, params })` runs now and on every navigation (link, back/forward, navigate()). */
export function startRouter(handler) {
  onNavigate = handler;
  window.addEventListener('popstate', () => dispatch());
  document.addEventListener('click', interceptLinkClick);
  dispatch();
}

/** Navigates to an app path such as "/login?next=%2Fdashboard". */
export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, window.location.origin);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (replace) window.history.replaceState(null, '', target);
  else if (target !== currentPath()) window.history.pushState(null, '', target);
  dispatch();
}

/** The current path with its query, for `?next=` round trips. */
export function currentPath() {
  return window.location.pathname + window.location.search;
}

/** A `next` value is used only when it is a same-origin app path (never "//host" or "https://…"). */
export function safeNextPath(value, fallback = '/dashboard') {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value;
}

function dispatch() {
  onNavigate?.({ path: window.location.pathname, params: new URLSearchParams(window.location.search) });
}

function interceptLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws')) return;
  if (url.pathname === window.location.pathname && url.hash) return; // in-page anchor: let the browser scroll
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
