// Admin › Users: search by e-mail (as you type), a page of users newest first with role, state and balance, and
// paging. Each e-mail opens the user (/admin/users/<id>). The search and page live in the URL (?q=&page=).

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatNumber, plural } from '../lib/format.js';
import { searchUsers } from './admin-api.js';
import { icon } from './icon.js';
import { loadErrorState } from './load-error.js';

const PER_PAGE = 20;
const SEARCH_DELAY_MS = 300;

export function usersPanel({ signal, params }) {
  const state = { q: params.get('q') ?? '', page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1) };
  let request = null;
  let timer = 0;
  signal.addEventListener('abort', () => {
    window.clearTimeout(timer);
    request?.abort();
  });

  const search = h('input', { type: 'search', class: 'input search-input', placeholder: 'Search by e-mail', 'aria-label': 'Search users by e-mail', autocomplete: 'off', dataset: { testid: 'admin-user-search' } });
  search.value = state.q;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      state.q = search.value.trim();
      state.page = 1;
      load();
    }, SEARCH_DELAY_MS);
  });
  const count = h('p', { class: 'admin-count', role: 'status', dataset: { testid: 'admin-user-count' } });
  const body = h('div', { class: 'admin-users-body' });
  const summary = h('p', {});
  const previous = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'admin-users-previous' } }, icon('chevronLeft'), 'Previous');
  const next = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'admin-users-next' } }, 'Next', icon('chevronRight'));
  const footer = h('div', { class: 'card-footer', hidden: true }, summary, h('nav', { class: 'pager', 'aria-label': 'User pages' }, previous, next));
  previous.addEventListener('click', () => goTo(state.page - 1));
  next.addEventListener('click', () => goTo(state.page + 1));

  const element = h(
    'section',
    { class: 'card admin-card', 'aria-labelledby': 'admin-users-heading', 'aria-busy': 'true' },
    h('div', { class: 'card-header' }, h('div', {}, h('h2', { id: 'admin-users-heading', text: 'Users' }), count), h('div', { class: 'search-box admin-search', role: 'search' }, icon('search', 'icon search-icon'), search)),
    body,
    footer,
  );

  function goTo(page) {
    state.page = page;
    load();
  }

  function syncUrl() {
    const query = new URLSearchParams();
    if (state.q) query.set('q', state.q);
    if (state.page > 1) query.set('page', String(state.page));
    const target = `/admin/users${query.size ? `?${query}` : ''}`;
    if (!signal.aborted && window.location.pathname === '/admin/users' && target !== window.location.pathname + window.location.search) window.history.replaceState(null, '', target);
  }

  async function load() {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    element.setAttribute('aria-busy', 'true');
    syncUrl();
    try {
      const answer = await searchUsers({ q: state.q, page: state.page, perPage: PER_PAGE }, { signal: controller.signal });
      show(answer);
    } catch (error) {
      if (error.name === 'AbortError' || controller.signal.aborted) return;
      replaceChildren(body, loadErrorState({ heading: 'Users could not be loaded', error, retry: load, headingLevel: 'h3' }));
      footer.hidden = true;
    } finally {
      if (request === controller) element.setAttribute('aria-busy', 'false');
    }
  }

  function show({ items, page, per_page: perPage, total }) {
    count.textContent = state.q ? `${plural(total, 'user')} matching “${state.q}”` : plural(total, 'user');
    if (!items.length) {
      replaceChildren(body, h('div', { class: 'empty-state' }, h('span', { class: 'icon-tile' }, icon('search')), h('h3', { text: 'No users found' }), h('p', { text: state.q ? 'No e-mail address contains that text.' : 'Nobody has signed up yet.' })));
      footer.hidden = true;
      return;
    }
    replaceChildren(body, usersTable(items));
    const pages = Math.max(1, Math.ceil(total / perPage));
    const first = (page - 1) * perPage + 1;
    summary.textContent = `${formatNumber(first)}–${formatNumber(first + items.length - 1)} of ${formatNumber(total)}`;
    previous.disabled = page <= 1;
    next.disabled = page >= pages;
    footer.hidden = false;
  }

  load();
  return element;
}

/** A user's role and state as badges (also the user view's). */
export function userBadges(user) {
  return [
    user.role === 'admin' && h('span', { class: 'badge badge-brand', dataset: { testid: 'admin-role-badge' }, text: 'Admin' }),
    user.disabled && h('span', { class: 'badge badge-danger', dataset: { testid: 'admin-disabled-badge' }, text: 'Disabled' }),
  ];
}

function usersTable(users) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table admin-table', dataset: { testid: 'admin-users' } },
      h('caption', { class: 'visually-hidden', text: 'Users, newest first' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'E-mail' }), h('th', { scope: 'col', text: 'Role' }), h('th', { scope: 'col', class: 'num', text: 'Credits' }), h('th', { scope: 'col', text: 'Joined' }))),
      h(
        'tbody',
        {},
        users.map((user) =>
          h(
            'tr',
            { dataset: { testid: 'admin-user-row', id: user.id } },
            h('th', { scope: 'row' }, h('a', { href: `/admin/users/${encodeURIComponent(user.id)}`, dataset: { testid: 'admin-user-link' }, text: user.email }), ' ', userBadges(user)),
            h('td', { text: user.role === 'admin' ? 'Admin' : 'User' }),
            h('td', { class: 'num', text: formatNumber(user.credits_balance) }),
            h('td', { class: 'muted' }, h('time', { datetime: user.created_at, text: formatDateTime(user.created_at) })),
          ),
        ),
      ),
    ),
  );
}
