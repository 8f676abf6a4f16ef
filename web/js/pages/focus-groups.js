// Focus Groups: the user's groups, newest first, as cards (name, objective, participants, guide status, last change)
// with search and paging; "New focus group"; delete with confirmation. State lives in the URL (?q=&page=).

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatNumber, plural } from '../lib/format.js';
import { listFocusGroups } from '../components/focus-group-api.js';
import { deleteGroupFlow } from '../components/focus-group-delete.js';
import { icon } from '../components/icon.js';
import { emptyCard, retryButton } from '../components/page-states.js';
import { personaAvatar } from '../components/persona-avatar.js';

export const title = 'Focus Groups';

const PER_PAGE = 12;
const SEARCH_DELAY_MS = 300;
const AVATARS_SHOWN = 5;

const groupHref = (group) => `/focus-groups/${encodeURIComponent(group.id)}`;

export function render({ params, signal }) {
  const state = { q: params.get('q') ?? '', page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1) };
  let groups = [];
  let total = 0;
  let loaded = false;
  let request = null;
  let searchTimer = 0;
  signal.addEventListener('abort', () => {
    window.clearTimeout(searchTimer);
    request?.abort();
  });

  const newGroup = h('a', { class: 'btn btn-primary', href: '/focus-groups/new', dataset: { testid: 'new-focus-group' } }, icon('plus'), 'New focus group');
  const search = h('input', { type: 'search', class: 'input search-input', placeholder: 'Search by name', 'aria-label': 'Search focus groups', autocomplete: 'off', enterkeyhint: 'search', dataset: { testid: 'fg-search' } });
  search.value = state.q;
  const toolbar = h('div', { class: 'persona-toolbar', role: 'search', 'aria-label': 'Find focus groups' }, h('div', { class: 'search-box' }, icon('search', 'icon search-icon'), search));
  const count = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite', dataset: { testid: 'fg-count' } });
  const results = h('div', { class: 'persona-results' }, skeletonList());
  const pagerSummary = h('p', { class: 'pager-summary' });
  const previous = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'page-previous' } }, icon('chevronLeft'), 'Previous');
  const next = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', dataset: { testid: 'page-next' } }, 'Next', icon('chevronRight'));
  const pager = h('nav', { class: 'persona-pager', 'aria-label': 'Focus group pages', hidden: true }, pagerSummary, h('div', { class: 'pager' }, previous, next));
  const listSection = h('section', { class: 'fg-list-section', 'aria-label': 'Your focus groups', 'aria-busy': 'true' }, h('div', { class: 'fg-list-bar' }, toolbar, count), results, pager);

  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => applySearch(), SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    window.clearTimeout(searchTimer);
    applySearch();
  });
  previous.addEventListener('click', () => goToPage(state.page - 1));
  next.addEventListener('click', () => goToPage(state.page + 1));

  function applySearch() {
    state.q = search.value.trim();
    state.page = 1;
    load();
  }

  function goToPage(page) {
    state.page = page;
    load({ focusList: true });
  }

  function syncUrl() {
    if (signal.aborted) return;
    const query = new URLSearchParams();
    if (state.q) query.set('q', state.q);
    if (state.page > 1) query.set('page', String(state.page));
    const target = `/focus-groups${query.size ? `?${query}` : ''}`;
    if (window.location.pathname + window.location.search !== target) window.history.replaceState(null, '', target);
  }

  async function load({ focusList = false } = {}) {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    listSection.setAttribute('aria-busy', 'true');
    results.classList.add('is-loading');
    syncUrl();
    try {
      const answer = await listFocusGroups({ q: state.q, page: state.page, per_page: PER_PAGE }, { signal: controller.signal });
      if (request !== controller) return;
      if (!answer.items.length && answer.total && state.page > 1) {
        state.page = Math.max(1, Math.ceil(answer.total / PER_PAGE));
        load({ focusList });
        return;
      }
      groups = answer.items;
      total = answer.total;
      loaded = true;
      renderList();
      if (focusList) results.querySelector('a, button')?.focus();
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(results, emptyCard({ iconName: 'warning', heading: 'Focus groups could not be loaded', text: error.message, actions: [retryButton(() => load())], testid: 'fg-load-error' }));
      count.textContent = '';
      pager.hidden = true;
    } finally {
      if (request === controller) {
        listSection.setAttribute('aria-busy', 'false');
        results.classList.remove('is-loading');
      }
    }
  }

  function renderList() {
    if (!loaded) return;
    const nothingYet = !total && !state.q;
    toolbar.hidden = nothingYet;
    count.textContent = total ? (state.q ? `${plural(total, 'focus group')} matching “${state.q}”` : plural(total, 'focus group')) : '';
    if (!groups.length) {
      replaceChildren(
        results,
        state.q
          ? emptyCard({ iconName: 'search', heading: 'No focus groups match', text: `No focus group name contains “${state.q}”.`, actions: [clearSearchButton()], testid: 'fg-empty-search' })
          : emptyCard({
              iconName: 'groups',
              heading: 'Run your first focus group',
              text: 'Set an objective, pick 3 to 12 synthetic users and add the concepts or images they should react to. Cohorta drafts the discussion guide for you.',
              actions: [h('a', { class: 'btn btn-primary', href: '/focus-groups/new', dataset: { testid: 'empty-new-focus-group' } }, icon('plus'), 'New focus group')],
              testid: 'fg-empty',
            }),
      );
    } else {
      replaceChildren(results, h('ul', { class: 'fg-list', 'aria-label': 'Focus groups' }, groups.map((group) => groupCard(group, { onDelete: confirmDelete }))));
    }
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    pager.hidden = total <= PER_PAGE;
    const first = (state.page - 1) * PER_PAGE + 1;
    pagerSummary.textContent = `${formatNumber(first)}–${formatNumber(first + groups.length - 1)} of ${formatNumber(total)} · Page ${state.page} of ${pages}`;
    previous.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
  }

  function clearSearchButton() {
    const button = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('close'), 'Clear search');
    button.addEventListener('click', () => {
      search.value = '';
      applySearch();
      search.focus();
    });
    return button;
  }

  async function confirmDelete(group, trigger) {
    if (!(await deleteGroupFlow(group, trigger))) return;
    await load();
    (results.querySelector('.fg-card-link') ?? results.querySelector('a, button') ?? search).focus();
  }

  load();
  return h(
    'div',
    { class: 'focus-groups-page' },
    h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: 'Focus Groups' }), h('p', { class: 'lede', text: 'Moderated discussions between an AI moderator and your synthetic users.' })), h('div', { class: 'page-actions' }, newGroup)),
    listSection,
  );
}

/** The guide's state in a few words: "Guide v3 · 4 sections" or "No guide yet". */
export function guideBadge(guide) {
  if (!guide) return h('span', { class: 'badge badge-warning', dataset: { testid: 'fg-guide-status', status: 'none' } }, 'No guide yet');
  const sections = guide.sections?.length ?? 0;
  return h('span', { class: 'badge badge-success', dataset: { testid: 'fg-guide-status', status: 'ready' } }, icon('check', 'icon badge-icon'), `Guide v${guide.version} · ${plural(sections, 'section')}`);
}

/** Up to five overlapping avatars and "+N". */
export function avatarStack(participants, total = participants.length) {
  const shown = participants.slice(0, AVATARS_SHOWN);
  const extra = total - shown.length;
  return h(
    'span',
    { class: 'avatar-stack', role: 'img', 'aria-label': `${plural(total, 'participant')}${shown.length ? `: ${participants.map((person) => person.name).join(', ')}` : ''}` },
    shown.map((person) => personaAvatar(person, 'sm')),
    extra > 0 && h('span', { class: 'avatar-stack-more', text: `+${formatNumber(extra)}` }),
  );
}

function groupCard(group, { onDelete }) {
  const participants = group.participants ?? [];
  const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-icon btn-sm btn-danger-text fg-card-delete', 'aria-label': `Delete ${group.name}`, dataset: { testid: 'fg-delete' } }, icon('trash'));
  remove.addEventListener('click', () => onDelete(group, remove));
  return h(
    'li',
    { class: 'card fg-card', dataset: { testid: 'fg-card', id: group.id } },
    h(
      'div',
      { class: 'fg-card-main' },
      h('h2', { class: 'fg-card-title' }, h('a', { class: 'fg-card-link', href: groupHref(group), dataset: { testid: 'fg-link' }, text: group.name })),
      h('p', { class: 'fg-card-objective', text: group.objective }),
    ),
    h(
      'div',
      { class: 'fg-card-meta' },
      avatarStack(participants, Math.max(participants.length, group.participant_ids?.length ?? 0)),
      guideBadge(group.guide),
      h('span', { class: 'fg-card-date' }, 'Updated ', h('time', { datetime: group.updated_at, text: formatDateTime(group.updated_at) })),
    ),
    remove,
  );
}

function skeletonList() {
  return h(
    'ul',
    { class: 'fg-list', 'aria-hidden': 'true' },
    Array.from({ length: 3 }, () => h('li', { class: 'card fg-card fg-card--skeleton' }, h('div', { class: 'fg-card-main' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })))),
  );
}
