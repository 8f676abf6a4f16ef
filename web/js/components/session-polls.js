// Poll results, answered privately by every persona (n = participants × samples): a Likert scale as a distribution with
// the mean ± its 95% interval, a single choice as shares with their 95% (Wilson) intervals, a ranking by mean rank with
// its interval and Borda points. Bars are drawn in CSS from custom properties; every number is also written out.

import { h } from '../lib/dom.js';
import { formatNumber, formatPercent, plural } from '../lib/format.js';
import { pollKindLabel } from './focus-group-api.js';
import { sessionPanel } from './session-panel.js';

const decimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const range = ([low, high], format) => `${format(low)}–${format(high)}`;

/** A horizontal bar: `value` 0…1, with an interval [low, high] drawn as a whisker when given. */
function bar(value, interval) {
  const element = h('span', { class: 'poll-bar', 'aria-hidden': 'true' }, h('span', { class: 'poll-bar-fill' }), interval && h('span', { class: 'poll-bar-interval' }));
  element.style.setProperty('--value', String(Math.max(0, Math.min(1, value))));
  if (interval) {
    element.style.setProperty('--low', String(Math.max(0, interval[0])));
    element.style.setProperty('--high', String(Math.min(1, interval[1])));
  }
  return element;
}

function shareRows(shares, { intervals }) {
  return h(
    'ul',
    { class: 'poll-rows' },
    shares.map((share) =>
      h(
        'li',
        { class: 'poll-row', dataset: { testid: 'poll-share' } },
        h('span', { class: 'poll-option', text: share.option }),
        bar(share.proportion, intervals ? share.interval : null),
        h('strong', { class: 'poll-value', text: formatPercent(share.proportion) }),
        h('span', { class: 'poll-detail', text: `${plural(share.count, 'answer')}${intervals ? ` · 95% CI ${range(share.interval, formatPercent)}` : ''}` }),
      ),
    ),
  );
}

function likert(poll) {
  const scale = poll.options.length;
  const marker = h('span', { class: 'likert-scale', 'aria-hidden': 'true' }, h('span', { class: 'likert-interval' }), h('span', { class: 'likert-mean' }));
  const position = (value) => String((value - 1) / Math.max(1, scale - 1));
  marker.style.setProperty('--mean', position(poll.mean));
  marker.style.setProperty('--low', position(Math.max(1, poll.interval[0])));
  marker.style.setProperty('--high', position(Math.min(scale, poll.interval[1])));
  return [
    h('p', { class: 'poll-summary', dataset: { testid: 'poll-mean' } }, 'Mean ', h('strong', { text: `${decimal.format(poll.mean)} ± ${decimal.format((poll.interval[1] - poll.interval[0]) / 2)}` }), ` on a 1–${scale} scale (95% CI ${range(poll.interval, decimal.format)})`),
    h('div', { class: 'likert' }, marker, h('span', { class: 'likert-ends', 'aria-hidden': 'true' }, h('span', { text: poll.options[0] }), h('span', { text: poll.options[scale - 1] }))),
    shareRows(poll.shares, { intervals: false }),
  ];
}

function ranking(poll) {
  const most = Math.max(1, ...poll.ranking.map((item) => item.borda_points));
  return h(
    'ol',
    { class: 'poll-rows poll-rows--ranking' },
    poll.ranking.map((item) =>
      h(
        'li',
        { class: 'poll-row', dataset: { testid: 'poll-rank' } },
        h('span', { class: 'poll-option', text: item.option }),
        bar(item.borda_points / most, null),
        h('strong', { class: 'poll-value', text: `Mean rank ${decimal.format(item.mean_rank)}` }),
        h('span', { class: 'poll-detail', text: `95% CI ${range(item.interval, decimal.format)} · ${plural(item.borda_points, 'Borda point')}` }),
      ),
    ),
  );
}

/** One poll as a figure. */
export function pollResult(poll, sectionTitle) {
  const body = poll.kind === 'likert' ? likert(poll) : poll.kind === 'ranking' ? ranking(poll) : shareRows(poll.shares ?? [], { intervals: true });
  return h(
    'figure',
    { class: 'poll', dataset: { testid: 'poll', kind: poll.kind } },
    h(
      'figcaption',
      { class: 'poll-head' },
      h('span', { class: 'eyebrow', text: [sectionTitle, pollKindLabel(poll.kind)].filter(Boolean).join(' · ') }),
      h('span', { class: 'poll-question', text: poll.question }),
      h('span', { class: 'poll-n', text: `n = ${formatNumber(poll.n)} answers` }),
    ),
    body,
  );
}

/** The poll results panel. Returns { element, update(session) }. */
export function pollsPanel() {
  const panel = sessionPanel({ id: 'polls-heading', title: 'Poll results', testid: 'polls-panel' });
  return {
    element: panel.element,
    update(session) {
      const polls = session.polls ?? [];
      const sections = session.guide.sections ?? [];
      panel.badge.hidden = !polls.length;
      panel.badge.textContent = String(polls.length);
      panel.render(polls, () =>
        polls.length
          ? h('div', { class: 'polls' }, polls.map((poll) => pollResult(poll, sections[poll.section]?.title)))
          : h('p', { class: 'muted-note', dataset: { testid: 'polls-empty' }, text: sections.some((section) => section.poll) ? 'Each poll is put to every participant privately at the end of its section; the results appear here.' : 'This guide has no polls.' }),
      );
    },
  };
}
