// The signed-out frame: a product panel beside the form on wide screens, the form alone on narrow ones.

import { h } from '../lib/dom.js';
import { mountDevBanner } from './dev-banner.js';
import { brandMark, icon } from './icon.js';

const POINTS = [
  ['users', 'Panels that disagree', 'Diverse synthetic users built from your audience brief or customer data.'],
  ['groups', 'A seat at the table', 'Watch the discussion live, step in as moderator, hand back any time.'],
  ['quote', 'Findings with evidence', 'Every theme cites quotes from the transcript. Costs are shown before you run.'],
];

/** Returns { kind, element, main }. */
export function createAuthLayout() {
  const bannerSlot = h('div', { class: 'banner-slot' });
  const main = h('main', { id: 'main', class: 'auth-main', tabindex: '-1' });
  const element = h(
    'div',
    { class: 'auth-layout' },
    h(
      'aside',
      { class: 'auth-aside', 'aria-label': 'About Cohorta' },
      h('a', { class: 'brand brand--inverse', href: '/login' }, brandMark(), 'Cohorta'),
      h(
        'div',
        {},
        h('p', { class: 'aside-title', text: 'Synthetic focus groups, moderated live.' }),
        h('p', { class: 'pitch', text: 'Test ideas with AI personas in minutes, then take the findings to your team.' }),
        h(
          'ul',
          { class: 'auth-points' },
          POINTS.map(([iconName, name, text]) =>
            h('li', {}, h('span', { class: 'icon-tile' }, icon(iconName)), h('p', {}, h('strong', { text: name }), h('span', { text }))),
          ),
        ),
      ),
      h('p', { class: 'fineprint', text: 'Synthetic research complements, and does not replace, talking to real customers.' }),
    ),
    h(
      'div',
      { class: 'auth-column' },
      bannerSlot,
      h(
        'div',
        { class: 'auth-body' },
        h('header', { class: 'auth-header' }, h('a', { class: 'brand', href: '/login' }, brandMark(), 'Cohorta')),
        main,
        h('footer', { class: 'auth-footer' }, h('p', { text: '© Cohorta · Synthetic research, clearly labelled.' })),
      ),
    ),
  );
  mountDevBanner(bannerSlot);
  return { kind: 'auth', element, main };
}
