// Wizard step 4: created and failed personas (failures with their reason) and the diversity score.

import { h } from '../lib/dom.js';
import { formatNumber } from '../lib/format.js';
import { scorePercent } from './generation-api.js';
import { icon } from './icon.js';

function verdict(score) {
  if (score >= 75) return 'Highly diverse';
  if (score >= 50) return 'Reasonably diverse';
  return 'Low diversity';
}

/** The diversity score card, or null when the result has none. */
export function diversityCard(diversity) {
  const score = scorePercent(diversity?.score);
  if (score === null) return null;
  const coverage = scorePercent(diversity.coverage);
  const distance = Number(diversity.mean_distance);
  const details = [
    coverage !== null ? `it covers ${coverage}% of the sampling plan's levels` : null,
    Number.isFinite(distance) ? `two personas differ on ${Math.round((distance <= 1 ? distance : distance / 100) * 100)}% of their traits on average` : null,
  ].filter(Boolean);
  return h(
    'section',
    { class: `diversity diversity--${score >= 75 ? 'high' : score >= 50 ? 'mid' : 'low'}`, 'aria-labelledby': 'diversity-title', dataset: { testid: 'gen-diversity' } },
    h('div', { class: 'diversity-score' }, h('span', { class: 'diversity-value', dataset: { testid: 'gen-diversity-score' }, text: String(score) }), h('span', { class: 'diversity-max', text: '/100' })),
    h(
      'div',
      { class: 'diversity-body' },
      h('h4', { id: 'diversity-title' }, 'Diversity score · ', h('span', { text: verdict(score) })),
      h('meter', { class: 'diversity-meter', min: '0', max: '100', low: '50', high: '75', optimum: '100', value: String(score), 'aria-label': `Diversity score ${score} out of 100` }),
      h('p', { class: 'diversity-note', text: `How varied the panel is: 100 means every persona is distinct and the whole sampling plan is covered${details.length ? `. Here ${details.join(', and ')}.` : '.'}` }),
    ),
  );
}

/** The lists of created and failed personas. created: [{persona_id, name}], failed: [{index, error}]. */
export function resultLists({ created, failed }) {
  return h(
    'div',
    { class: 'result-lists' },
    created.length > 0 &&
      h(
        'section',
        { class: 'result-list', 'aria-labelledby': 'created-title' },
        h('h4', { id: 'created-title' }, icon('check', 'icon result-icon result-icon--ok'), `Created (${formatNumber(created.length)})`),
        h(
          'ul',
          { class: 'result-items' },
          created.map((item) => h('li', { class: 'result-item', dataset: { testid: 'gen-created-item' } }, h('a', { href: `/personas/${encodeURIComponent(item.persona_id)}`, text: item.name || 'Unnamed persona' }))),
        ),
      ),
    failed.length > 0 &&
      h(
        'section',
        { class: 'result-list result-list--failed', 'aria-labelledby': 'failed-title' },
        h('h4', { id: 'failed-title' }, icon('warning', 'icon result-icon result-icon--failed'), `Failed (${formatNumber(failed.length)})`),
        h(
          'ul',
          { class: 'result-items' },
          failed.map((item) =>
            h(
              'li',
              { class: 'result-item result-item--failed', dataset: { testid: 'gen-failed-item', code: item.error?.code ?? '' } },
              h('span', { class: 'result-item-name', text: item.name || `Persona ${Number(item.index) + 1}` }),
              h('span', { class: 'result-item-reason', text: item.error?.message || 'It could not be generated.' }),
            ),
          ),
        ),
      ),
  );
}
