// The "Sessions" card of a focus group's page: its runs, newest first, each a link to the session with its status,
// date, turns and cost (a fork or replay says so). While a run is in progress the list refreshes every few seconds.

import { h, replaceChildren } from '../lib/dom.js';
import { formatDateTime, formatUsd, plural } from '../lib/format.js';
import { retryButton } from './page-states.js';
import { isEnded, lineageText, listSessions, sessionHref, statusBadge } from './session-api.js';

const REFRESH_MS = 4000;

/** groupId; signal: the page's. Returns { element, reload() }. */
export function sessionList({ groupId, signal }) {
  const count = h('span', { class: 'badge', hidden: true });
  const body = h('div', { class: 'card-body' }, h('span', { class: 'skeleton skeleton-line', 'aria-hidden': 'true' }));
  const element = h(
    'section',
    { class: 'card fg-info-card', 'aria-labelledby': 'fg-sessions-heading', 'aria-busy': 'true', dataset: { testid: 'fg-sessions' } },
    h('div', { class: 'card-header' }, h('h2', { id: 'fg-sessions-heading', text: 'Sessions' }), count),
    body,
  );
  let timer = 0;
  signal.addEventListener('abort', () => window.clearTimeout(timer));

  async function reload() {
    window.clearTimeout(timer);
    let items;
    try {
      ({ items } = await listSessions(groupId, { signal }));
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      replaceChildren(body, h('p', { class: 'muted-note', text: `Sessions could not be loaded. ${error.message}` }), retryButton(reload));
      return;
    } finally {
      element.setAttribute('aria-busy', 'false');
    }
    count.hidden = !items.length;
    count.textContent = String(items.length);
    replaceChildren(
      body,
      items.length
        ? h('ul', { class: 'session-rows' }, items.map(row))
        : h('p', { class: 'muted-note', dataset: { testid: 'fg-sessions-empty' }, text: 'No sessions yet. Start one to watch the discussion live and step in when you want.' }),
    );
    if (items.some((session) => !isEnded(session) && session.status !== 'paused')) timer = window.setTimeout(reload, REFRESH_MS);
  }

  reload();
  return { element, reload };
}

function row(session) {
  const lineage = lineageText(session);
  return h(
    'li',
    { class: 'session-row', dataset: { testid: 'fg-session', id: session.id, status: session.status } },
    h(
      'div',
      { class: 'session-row-main' },
      h('a', { class: 'session-row-link', href: sessionHref(session.id), dataset: { testid: 'fg-session-link' } }, h('time', { datetime: session.created_at, text: formatDateTime(session.created_at) })),
      lineage && h('span', { class: 'session-row-lineage', text: lineage }),
    ),
    statusBadge(session.status, 'fg-session-status'),
    h('span', { class: 'session-row-facts', text: `${plural(session.progress.turns, 'turn')} · ${formatUsd(session.cost.spent_usd)}` }),
  );
}
