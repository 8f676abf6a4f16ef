// The page frame for sections that are not built yet: the real heading, then a calm empty state that says
// what the section will do.

import { h } from '../lib/dom.js';
import { icon } from './icon.js';

export function comingSoonPage({ heading, lede, iconName, summary, features }) {
  return h(
    'div',
    {},
    h('header', { class: 'page-header' }, h('div', {}, h('h1', { text: heading }), h('p', { class: 'lede', text: lede }))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'coming-soon-heading' },
      h(
        'div',
        { class: 'empty-state coming-soon', dataset: { testid: 'coming-soon' } },
        h('span', { class: 'icon-tile' }, icon(iconName)),
        h('span', { class: 'badge badge-brand' }, icon('sparkles', 'icon badge-icon'), 'Coming soon'),
        h('h2', { id: 'coming-soon-heading', text: summary }),
        h(
          'ul',
          { class: 'feature-list' },
          features.map((feature) => h('li', {}, icon('success', 'icon feature-check'), h('span', { text: feature }))),
        ),
        h('div', { class: 'actions' }, h('a', { class: 'btn btn-secondary', href: '/dashboard', text: 'Back to dashboard' })),
      ),
    ),
  );
}
