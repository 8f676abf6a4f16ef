// The report of an ended session: its summary, the themes with their quotes, and — when the run stopped early — a
// "Partial report" flag with the reason explained (spending cap, turn limit, cancelled, failed).

import { h } from '../lib/dom.js';
import { icon } from './icon.js';
import { endExplanation } from './session-api.js';
import { themeList } from './session-themes.js';

/** The report's body (also used by the compare view). onQuote(seq) links quotes to the discussion. */
export function reportBody(session, { onQuote, shared } = {}) {
  const report = session.report;
  const explanation = report.partial || session.status !== 'finished' ? endExplanation(session) : null;
  return [
    report.partial &&
      h(
        'div',
        { class: 'alert alert-warning report-partial', role: 'note', dataset: { testid: 'report-partial' } },
        icon('warning'),
        h('div', {}, h('p', {}, h('strong', { text: 'Partial report. ' }), explanation ?? 'The discussion stopped before the end of the guide.')),
      ),
    h('section', { class: 'report-section', 'aria-label': 'Summary' }, h('h3', { class: 'eyebrow', text: 'Summary' }), h('p', { class: 'report-summary', dataset: { testid: 'report-summary' }, text: report.summary })),
    h(
      'section',
      { class: 'report-section', 'aria-label': 'Themes' },
      h('h3', { class: 'eyebrow', text: 'Themes' }),
      report.themes?.length ? themeList(report.themes, { participants: session.participants, onQuote, shared }) : h('p', { class: 'muted-note', text: 'No theme was backed by quotes from at least two participants.' }),
    ),
  ];
}

/** The report card of the session page. Returns the element. */
export function reportCard(session, { onQuote }) {
  return h(
    'section',
    { class: 'card session-panel report-card', 'aria-labelledby': 'report-heading', dataset: { testid: 'report' } },
    h('div', { class: 'card-header' }, h('h2', { id: 'report-heading', tabindex: '-1', text: 'Report' }), h('span', { class: 'badge badge-brand', text: 'Synthetic data' })),
    h('div', { class: 'card-body report-body' }, reportBody(session, { onQuote })),
  );
}
