// Two sessions side by side (/sessions/:id/compare/:other), typically a fork and its parent: where they branched and
// how much of the transcript they share, then each one's outcome, report summary and themes (marked "In both" or
// "Only here"). While either still runs, the view refreshes every few seconds.

import { h, replaceChildren } from '../lib/dom.js';
import { formatUsd, plural } from '../lib/format.js';
import { icon } from '../components/icon.js';
import { focusPageHeading, loadErrorCard, notFoundCard } from '../components/page-states.js';
import { compareSessions, endExplanation, getMessages, isEnded, sessionHref, statusBadge } from '../components/session-api.js';
import { reportBody } from '../components/session-report.js';
import { themeKey, themeList } from '../components/session-themes.js';

export const title = 'Compare sessions';

const REFRESH_MS = 3000;

export function render({ id, other, signal }) {
  const body = h('div', {}, h('div', { class: 'card card-body', 'aria-hidden': 'true' }, h('span', { class: 'skeleton skeleton-title' }), h('span', { class: 'skeleton skeleton-line' })));
  const root = h('div', { class: 'compare-page', 'aria-busy': 'true' }, body);
  let timer = 0;
  let shown = false;
  let branch = null; // the branch-point note, worked out once
  signal.addEventListener('abort', () => window.clearTimeout(timer));

  async function load() {
    let answer;
    try {
      answer = await compareSessions(id, other, { signal });
      branch ??= await branchNote(answer.left, answer.right, signal);
    } catch (error) {
      if (error.name === 'AbortError' || signal.aborted) return;
      if (shown) {
        timer = window.setTimeout(load, REFRESH_MS * 2);
        return;
      }
      root.setAttribute('aria-busy', 'false');
      replaceChildren(body, error.status === 404 ? notFoundCard({ iconName: 'columns', heading: 'Sessions not found', href: '/focus-groups', linkText: 'Back to Focus Groups' }) : loadErrorCard(error, load, 'These sessions could not be compared'));
      focusPageHeading();
      return;
    }
    root.setAttribute('aria-busy', 'false');
    showBoth(answer);
    if (!isEnded(answer.left) || !isEnded(answer.right)) timer = window.setTimeout(load, REFRESH_MS);
  }

  function showBoth({ left, right }) {
    const { parent, fork, related } = pairOf(left, right);
    const keys = (session) => new Set((session.report?.themes ?? session.themes ?? []).map((theme) => themeKey(theme.title)));
    replaceChildren(
      body,
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: sessionHref(fork.id), dataset: { testid: 'back-to-session' } }, icon('chevronLeft'), related ? 'Back to the fork' : 'Back to the session')),
      h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: 'Compare sessions' }), h('p', { class: 'lede', text: parent.name }))),
      branch && h('div', { class: 'alert alert-info compare-branch', dataset: { testid: 'compare-prefix' } }, icon('branch'), h('p', { text: branch })),
      h('div', { class: 'compare-grid' }, column(parent, related ? 'Parent' : 'Session A', keys(fork), 'compare-left'), column(fork, related ? 'Fork' : 'Session B', keys(parent), 'compare-right')),
    );
    document.title = `Compare sessions · ${parent.name} · Cohorta`;
    if (!shown) focusPageHeading();
    shown = true;
  }

  load();
  return root;
}

/** The parent and the fork when one branched from the other; else the two as given, not related. */
function pairOf(left, right) {
  if (right.fork?.parent === left.id) return { parent: left, fork: right, related: true };
  if (left.fork?.parent === right.id) return { parent: right, fork: left, related: true };
  return { parent: left, fork: right, related: false };
}

function column(session, label, otherKeys, testid) {
  const explanation = isEnded(session) ? endExplanation(session) : null;
  const themes = session.report?.themes ?? session.themes ?? [];
  return h(
    'section',
    { class: 'card compare-column', 'aria-labelledby': `${testid}-heading`, dataset: { testid, id: session.id } },
    h(
      'div',
      { class: 'card-header' },
      h('div', { class: 'compare-column-title' }, h('p', { class: 'eyebrow', text: label }), h('h2', { id: `${testid}-heading` }, h('a', { href: sessionHref(session.id), text: session.fork ? `Fork at message ${session.fork.seq}` : 'Original session' }))),
      statusBadge(session.status, `${testid}-status`),
    ),
    h(
      'div',
      { class: 'card-body compare-body' },
      h('p', { class: 'muted-note', text: `${plural(session.progress.turns, 'turn')} · ${formatUsd(session.cost.spent_usd)} · ${plural(themes.length, 'theme')}` }),
      session.report
        ? reportBody(session, { shared: otherKeys })
        : [
            h('p', { class: 'muted-note', text: isEnded(session) ? explanation ?? 'This session has no report.' : 'Still running: the report appears when the session ends.' }),
            themes.length > 0 && h('section', { class: 'report-section', 'aria-label': 'Themes so far' }, h('h3', { class: 'eyebrow', text: 'Themes so far' }), themeList(themes, { participants: session.participants, shared: otherKeys })),
          ],
    ),
  );
}

/** How the fork relates to its parent: the shared prefix, and whether the branching message was rewritten. */
async function branchNote(left, right, signal) {
  const { parent, fork, related } = pairOf(left, right);
  if (!related) return null;
  const seq = fork.fork.seq;
  const [mine, theirs] = await Promise.all([getMessages(fork.id, seq - 1, { signal, limit: 1 }), getMessages(parent.id, seq - 1, { signal, limit: 1 })]);
  const rewritten = mine.items[0]?.text !== theirs.items[0]?.text;
  return rewritten
    ? `The fork shares the first ${plural(seq - 1, 'message')} with its parent; message ${seq} was rewritten, and the discussion went on from there.`
    : `The fork shares the first ${plural(seq, 'message')} with its parent and went on from there.`;
}
